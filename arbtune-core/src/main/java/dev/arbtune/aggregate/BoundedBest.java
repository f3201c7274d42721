package dev.arbtune.aggregate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The best {@code capacity} items seen so far under a total order, in O(log capacity) per item and
 * O(capacity) memory. Not thread-safe: give each thread its own and {@link #addAll merge}.
 */
final class BoundedBest<T> {

  private final int capacity;
  private final Comparator<? super T> order;
  private final PriorityQueue<T> heap; // worst kept item at the head
  private long offered;

  BoundedBest(int capacity, Comparator<? super T> order) {
    if (capacity < 0) {
      throw new IllegalArgumentException("capacity must be >= 0, got " + capacity);
    }
    this.capacity = capacity;
    this.order = order;
    this.heap = new PriorityQueue<>(Math.min(capacity, 1024) + 1, order.reversed());
  }

  void add(T item) {
    offered++;
    if (capacity == 0) {
      return;
    }
    if (heap.size() < capacity) {
      heap.add(item);
    } else if (order.compare(item, heap.peek()) < 0) {
      heap.poll();
      heap.add(item);
    }
  }

  void addAll(BoundedBest<T> other) {
    long before = offered;
    for (T item : other.heap) {
      add(item);
    }
    offered = before + other.offered;
  }

  /**
   * Adds the kept items of another instance, given as a list, and the number of items it was
   * offered in all (as {@link #addAll(BoundedBest)} does).
   */
  void addAll(List<T> kept, long keptOffered) {
    long before = offered;
    for (T item : kept) {
      add(item);
    }
    offered = before + keptOffered;
  }

  /** How many items were offered in all, kept or not. */
  long offered() {
    return offered;
  }

  /** The kept items, best first. */
  List<T> sorted() {
    List<T> list = new ArrayList<>(heap);
    list.sort(order);
    return list;
  }
}
