package dev.arbtune.spark.testing;

import org.apache.spark.sql.SparkSession;

/**
 * The one Spark session every test class shares (starting one takes about five seconds): two local
 * cores, bound to the loopback interface, no web UI.
 */
public final class TestSpark {

  private static SparkSession session;

  private TestSpark() {}

  /** The shared session, started on first use; Spark stops it when the JVM exits. */
  public static synchronized SparkSession session() {
    if (session == null) {
      session =
          SparkSession.builder()
              .master("local[2]")
              .appName("arbtune-spark tests")
              .config("spark.driver.host", "127.0.0.1")
              .config("spark.driver.bindAddress", "127.0.0.1")
              .config("spark.ui.enabled", "false")
              .config("spark.sql.shuffle.partitions", "4")
              .getOrCreate();
    }
    return session;
  }
}
