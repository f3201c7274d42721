package dev.arbtune.spark;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.Objects;
import org.apache.hadoop.conf.Configuration;

/**
 * The driver's Hadoop configuration, shipped to the executors (a {@link Configuration} is not
 * {@link Serializable}), so that {@code spark.hadoop.*} settings given to {@code spark-submit}
 * reach every file access.
 */
final class HadoopConf implements Serializable {

  private static final long serialVersionUID = 1L;

  private transient Configuration conf;

  HadoopConf(Configuration conf) {
    this.conf = Objects.requireNonNull(conf, "conf");
  }

  Configuration get() {
    return conf;
  }

  private void writeObject(ObjectOutputStream out) throws IOException {
    out.defaultWriteObject();
    conf.write(out);
  }

  private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
    in.defaultReadObject();
    conf = new Configuration(false);
    conf.readFields(in);
  }
}
