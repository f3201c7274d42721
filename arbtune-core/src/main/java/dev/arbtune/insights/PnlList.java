package dev.arbtune.insights;

import java.util.ArrayList;
import java.util.List;

/**
 * A growing list of doubles, 8 bytes each, in chunks of {@value VectorStore#CHUNK} so that growing
 * never copies and merging only links chunks (for the PnLs of the jobs that passed the filters).
 */
final class PnlList {

  private List<double[]> chunks = new ArrayList<>();
  private int fill = VectorStore.CHUNK; // entries used in the last chunk
  private long size;

  void add(double x) {
    if (fill == VectorStore.CHUNK) {
      chunks.add(new double[VectorStore.CHUNK]);
      fill = 0;
    }
    chunks.get(chunks.size() - 1)[fill++] = x;
    size++;
  }

  /** Moves {@code other}'s values into this list, leaving {@code other} empty. */
  void merge(PnlList other) {
    int otherChunks = other.chunks.size();
    int otherFull = other.fill == VectorStore.CHUNK ? otherChunks : otherChunks - 1;
    int insertAt = fill == VectorStore.CHUNK ? chunks.size() : chunks.size() - 1;
    chunks.addAll(insertAt, other.chunks.subList(0, otherFull));
    size += (long) otherFull * VectorStore.CHUNK;
    if (otherFull < otherChunks) {
      double[] last = other.chunks.get(otherFull);
      for (int i = 0; i < other.fill; i++) {
        add(last[i]);
      }
    }
    other.chunks = new ArrayList<>();
    other.fill = VectorStore.CHUNK;
    other.size = 0;
  }

  long size() {
    return size;
  }

  /** The values sorted ascending, in a new array. */
  double[] sorted() {
    if (size > Integer.MAX_VALUE - 8) {
      throw new IllegalStateException("too many jobs for one list: " + size);
    }
    double[] out = new double[(int) size];
    int at = 0;
    for (int c = 0; c < chunks.size(); c++) {
      int len = c == chunks.size() - 1 ? fill : VectorStore.CHUNK;
      System.arraycopy(chunks.get(c), 0, out, at, len);
      at += len;
    }
    java.util.Arrays.sort(out);
    return out;
  }
}
