package dev.arbtune.join;

import dev.arbtune.backtest.EpochUnit;
import dev.arbtune.join.ListVenueQuotes.Quote;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A deliberately simple as-of join, for comparing with the engine: every venue's quotes in a map by
 * time (a later quote of the same time replaces the earlier), every output instant looked up with
 * {@link TreeMap#floorEntry} (event mode) or {@link TreeMap#lowerEntry} (grid mode).
 */
final class ReferenceJoin {

  /** The expected output text and counts. */
  record Expected(
      String text,
      List<Long> rowTimes,
      long rowsOut,
      long stale,
      long staleA,
      long staleB,
      long oneSided,
      long beforeBoth) {}

  private ReferenceJoin() {}

  static Expected join(List<Quote> a, List<Quote> b, JoinOptions options) {
    TreeMap<Long, Quote> byTimeA = byTime(a);
    TreeMap<Long, Quote> byTimeB = byTime(b);
    long d = options.gridMicros();
    TreeSet<Long> instants = new TreeSet<>();
    for (List<Quote> venue : List.of(a, b)) {
      for (Quote q : venue) {
        instants.add(d == 0 ? q.time() : Math.floorDiv(q.time(), d) * d + d);
      }
    }
    StringBuilder text = new StringBuilder("timestamp,best_bid_a,best_ask_a,best_bid_b,best_ask_b");
    text.append(options.ageColumns() ? ",age_a_us,age_b_us\n" : "\n");
    List<Long> times = new java.util.ArrayList<>();
    long stale = 0;
    long staleA = 0;
    long staleB = 0;
    long oneSided = 0;
    long before = 0;
    for (long t : instants) {
      Map.Entry<Long, Quote> ea = d == 0 ? byTimeA.floorEntry(t) : byTimeA.lowerEntry(t);
      Map.Entry<Long, Quote> eb = d == 0 ? byTimeB.floorEntry(t) : byTimeB.lowerEntry(t);
      if (ea == null || eb == null) {
        before++;
        continue;
      }
      long ageA = t - ea.getKey();
      long ageB = t - eb.getKey();
      boolean tooOldA = ageA > options.maxStalenessMicros();
      boolean tooOldB = ageB > options.maxStalenessMicros();
      if (tooOldA || tooOldB) {
        stale++;
        staleA += tooOldA ? 1 : 0;
        staleB += tooOldB ? 1 : 0;
        continue;
      }
      Quote qa = ea.getValue();
      Quote qb = eb.getValue();
      if (qa.bid().isEmpty() || qa.ask().isEmpty() || qb.bid().isEmpty() || qb.ask().isEmpty()) {
        oneSided++;
        continue;
      }
      times.add(t);
      text.append(EpochUnit.instant(t))
          .append(',')
          .append(qa.bid())
          .append(',')
          .append(qa.ask())
          .append(',')
          .append(qb.bid())
          .append(',')
          .append(qb.ask());
      if (options.ageColumns()) {
        text.append(',').append(ageA).append(',').append(ageB);
      }
      text.append('\n');
    }
    return new Expected(
        text.toString(), times, times.size(), stale, staleA, staleB, oneSided, before);
  }

  /** What the engine should count for one venue. */
  static VenueStats stats(String source, List<Quote> quotes) {
    long crossed = 0;
    long locked = 0;
    long same = 0;
    long gap = 0;
    Long gapStart = null;
    for (int i = 0; i < quotes.size(); i++) {
      Quote q = quotes.get(i);
      crossed += q.bidValue() > q.askValue() ? 1 : 0;
      locked += q.bidValue() == q.askValue() ? 1 : 0;
      if (i > 0) {
        long g = q.time() - quotes.get(i - 1).time();
        same += g == 0 ? 1 : 0;
        if (g > gap) {
          gap = g;
          gapStart = quotes.get(i - 1).time();
        }
      }
    }
    return new VenueStats(
        source,
        VenueFormat.GENERIC,
        quotes.size(),
        crossed,
        locked,
        same,
        gap,
        gapStart == null ? null : EpochUnit.instant(gapStart));
  }

  private static TreeMap<Long, Quote> byTime(List<Quote> quotes) {
    TreeMap<Long, Quote> m = new TreeMap<>();
    for (Quote q : quotes) {
      m.put(q.time(), q);
    }
    return m;
  }
}
