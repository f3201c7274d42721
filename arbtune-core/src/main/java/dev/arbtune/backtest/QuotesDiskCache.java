package dev.arbtune.backtest;

import dev.arbtune.io.AtomicFiles;
import dev.arbtune.io.Excerpt;
import dev.arbtune.io.IoMessages;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;

/**
 * Keeps the parsed columns of quotes files in a folder the user chose, so that later loads map a
 * binary file instead of parsing the CSV again.
 *
 * <p>One cache file per quotes file and time unit, named by a hash of the file's real path and the
 * unit ({@code 16 hex digits.quotes}); its header echoes the whole key: the real path, the source's
 * size and modification time, the unit and the format version ({@link #FORMAT_VERSION}). It holds
 * 40 bytes per row (the timestamp column then the four price columns, little-endian) after a header
 * of a few hundred bytes, and a CRC-32C of header and columns. A cache file whose key differs (the
 * source was changed, touched or replaced; another unit; another format version), whose length is
 * not what its header says, or whose checksum fails is ignored and rewritten, never trusted. Cache
 * files are written to a temporary file and renamed into place ({@link AtomicFiles}), so that two
 * processes writing the same one at once both leave a whole file and no reader sees a part of one;
 * deleting the folder, or any file in it, at any time is safe.
 *
 * <p>Only regular files are cached: a pipe or device is read from the CSV as before. The CSV's
 * errors are those of {@link QuotesLoader}: a malformed file is never cached. A folder that cannot
 * be created or written gives one warning (once per folder and process) and quotes are read from
 * the CSV files.
 *
 * <p>A source that is not a local file (a file on a Hadoop file system) is cached the same way
 * through {@link #load(Source, String, EpochUnit)}, keyed by the {@link Identity} its caller gives:
 * a name such as the qualified URI in place of the real path, its size and modification time.
 */
public final class QuotesDiskCache {

  /** The version of the layout; a cache file of another version is rewritten. */
  public static final int FORMAT_VERSION = 1;

  /** What a cache file's name ends with. */
  public static final String SUFFIX = ".quotes";

  /** Bytes of columns per row: one timestamp and four prices. */
  public static final int BYTES_PER_ROW = Long.BYTES + 4 * Double.BYTES;

  private static final byte[] MAGIC = "ARBTQCOL".getBytes(StandardCharsets.US_ASCII);

  /** Magic, version, key length, rows, header checksum, data checksum. */
  private static final int FIXED_HEADER = 8 + 4 + 4 + 8 + 4 + 4;

  private static final int HEADER_CRC_AT = 24;

  /** The most bytes mapped or written at once. */
  private static final int CHUNK = 1 << 26;

  private final Path folder;
  private final Consumer<String> warnings;

  /** The folders warned about, so that each is warned about once per process. */
  private static final Set<Path> WARNED = ConcurrentHashMap.newKeySet();

  /**
   * @param folder where cache files go (created when missing)
   * @param warnings receives the one warning about a folder that cannot be written
   */
  public QuotesDiskCache(Path folder, Consumer<String> warnings) {
    this.folder = Objects.requireNonNull(folder, "folder");
    this.warnings = Objects.requireNonNull(warnings, "warnings");
  }

  /** The folder cache files go to. */
  public Path folder() {
    return folder;
  }

  /**
   * The quotes of {@code file} read in {@code unit}, as {@link QuotesLoader#load(Path, EpochUnit)}
   * gives them: from its cache file when that is valid for the file as it is now, else from the
   * CSV, then written to the cache (a regular file only).
   *
   * @throws java.nio.file.NoSuchFileException when the file does not exist
   * @throws IOException when it cannot be read
   * @throws QuotesFormatException when its content is not a usable quotes table
   */
  public Quotes load(Path file, EpochUnit unit) throws IOException {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(unit, "unit");
    BasicFileAttributes before = Files.readAttributes(file, BasicFileAttributes.class);
    if (!before.isRegularFile()) {
      return QuotesLoader.load(file, unit);
    }
    String real = file.toRealPath().toString();
    return load(
        identity(real, before),
        unit,
        file.toString(),
        () -> QuotesLoader.load(file, unit),
        () -> identity(real, Files.readAttributes(file, BasicFileAttributes.class)));
  }

  /**
   * The quotes of a source that is not a local file (a Hadoop path, say), read in {@code unit}:
   * from its cache file when that is valid for the source's {@link Source#identity() identity} now,
   * else parsed from {@link Source#open() its stream} as {@link QuotesLoader#load(InputStream,
   * String, long, EpochUnit)} parses it, then written to the cache unless the identity changed
   * while it was read. The cache file is named and keyed by the identity's name as the local entry
   * point's by the real path.
   *
   * @param displayName the source as messages and the quotes name it
   * @throws IOException when the source cannot be read
   * @throws QuotesFormatException when its content is not a usable quotes table
   */
  public Quotes load(Source source, String displayName, EpochUnit unit) throws IOException {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(displayName, "displayName");
    Objects.requireNonNull(unit, "unit");
    Identity identity = source.identity();
    return load(
        identity,
        unit,
        displayName,
        () -> {
          try (InputStream in = source.open()) {
            return QuotesLoader.load(in, displayName, identity.size(), unit);
          }
        },
        source::identity);
  }

  /**
   * What keys a source's cache file: its name (a local file's real path, or a URI), size in bytes
   * and last modification time.
   */
  public record Identity(String name, long size, Instant modified) {
    /** Validates the parts. */
    public Identity {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(modified, "modified");
      if (size < 0) {
        throw new IllegalArgumentException("size must be >= 0, got " + size);
      }
    }
  }

  /** A source of quotes that is not a local file: its identity now, and its bytes. */
  public interface Source {
    /** The source's identity as it is now. */
    Identity identity() throws IOException;

    /** A new stream of the source's bytes (plain or gzip-compressed CSV). */
    InputStream open() throws IOException;
  }

  private interface IoSupplier<T> {
    T get() throws IOException;
  }

  private static Identity identity(String name, BasicFileAttributes attributes) {
    return new Identity(name, attributes.size(), attributes.lastModifiedTime().toInstant());
  }

  private Quotes load(
      Identity before,
      EpochUnit unit,
      String displayName,
      IoSupplier<Quotes> parse,
      IoSupplier<Identity> now)
      throws IOException {
    byte[] key = key(before, unit);
    Path cacheFile = folder.resolve(fileName(before.name(), unit));
    Quotes cached = read(cacheFile, key, displayName);
    if (cached != null) {
      return cached;
    }
    Quotes quotes = parse.get();
    if (before.equals(now.get())) {
      write(cacheFile, key, quotes); // not when the source changed while it was read
    }
    return quotes;
  }

  /**
   * The cache file's name: a hash of the real path and unit only, so that a changed source replaces
   * its old cache file instead of leaving it behind. Two checksums of 32 bits (not a cryptographic
   * digest, whose provider takes a tenth of a second to start): names that collide only share a
   * file, which the key in its header tells apart.
   */
  static String fileName(Path realPath, EpochUnit unit) {
    return fileName(realPath.toString(), unit);
  }

  private static String fileName(String name, EpochUnit unit) {
    byte[] bytes =
        new StringBuilder()
            .append(name)
            .append('\0')
            .append(unit.name())
            .toString()
            .getBytes(StandardCharsets.UTF_8);
    CRC32C crc32c = new CRC32C();
    crc32c.update(bytes);
    CRC32 crc32 = new CRC32();
    crc32.update(bytes);
    return HexFormat.of().toHexDigits(crc32c.getValue() << 32 | crc32.getValue()) + SUFFIX;
  }

  /**
   * The key a cache file's header echoes: format version, real path, size, mtime, unit. Built
   * without {@code +} or java.time's formatters, whose first use in a process costs more than
   * reading a cache file of a million rows.
   */
  static byte[] key(Path realPath, BasicFileAttributes attributes, EpochUnit unit) {
    return key(identity(realPath.toString(), attributes), unit);
  }

  private static byte[] key(Identity identity, EpochUnit unit) {
    Instant modified = identity.modified();
    StringBuilder text = new StringBuilder(256);
    text.append("arbtune quotes cache ").append(FORMAT_VERSION).append('\n');
    text.append(identity.name()).append('\n').append(identity.size()).append('\n');
    text.append(modified.getEpochSecond()).append('.').append(modified.getNano()).append('\n');
    text.append(unit.name());
    return text.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** The cached quotes, or {@code null} when there is no valid cache file for {@code key}. */
  private static Quotes read(Path cacheFile, byte[] key, String source) {
    try (FileChannel channel = FileChannel.open(cacheFile, StandardOpenOption.READ)) {
      long length = channel.size();
      ByteBuffer fixed = ByteBuffer.allocate(FIXED_HEADER).order(ByteOrder.LITTLE_ENDIAN);
      if (length < FIXED_HEADER || readFully(channel, fixed, 0) < FIXED_HEADER) {
        return null;
      }
      for (int i = 0; i < MAGIC.length; i++) {
        if (fixed.get(i) != MAGIC[i]) {
          return null;
        }
      }
      int version = fixed.getInt(8);
      int keyLength = fixed.getInt(12);
      long rows = fixed.getLong(16);
      int headerCrc = fixed.getInt(HEADER_CRC_AT);
      int dataCrc = fixed.getInt(28);
      if (version != FORMAT_VERSION
          || keyLength != key.length
          || rows < 1
          || rows > Integer.MAX_VALUE - 16
          || length != headerLength(keyLength) + rows * BYTES_PER_ROW) {
        return null;
      }
      ByteBuffer storedKey = ByteBuffer.allocate(keyLength);
      if (readFully(channel, storedKey, FIXED_HEADER) < keyLength
          || !Arrays.equals(storedKey.array(), key)
          || headerCrc(fixed, key) != headerCrc) {
        return null;
      }
      int n = (int) rows;
      CRC32C crc = new CRC32C();
      long at = headerLength(keyLength);
      long[] timestamps = new long[n];
      readLongs(channel, at, timestamps, crc);
      double[][] prices = new double[4][n];
      for (int k = 0; k < 4; k++) {
        readDoubles(channel, at + (long) n * Long.BYTES * (k + 1), prices[k], crc);
      }
      if ((int) crc.getValue() != dataCrc) {
        return null;
      }
      return new Quotes(source, timestamps, prices[0], prices[1], prices[2], prices[3]);
    } catch (IOException | IllegalArgumentException | InternalError e) {
      // missing, unreadable, truncated while mapped (InternalError) or not in time order: rewrite
      return null;
    }
  }

  private static int readFully(FileChannel channel, ByteBuffer into, long position)
      throws IOException {
    while (into.hasRemaining()) {
      int read = channel.read(into, position + into.position());
      if (read < 0) {
        break;
      }
    }
    return into.position();
  }

  /** Where the columns start: after the header and key, padded to 8 bytes. */
  private static long headerLength(int keyLength) {
    return (FIXED_HEADER + keyLength + 7L) & ~7L;
  }

  /** The checksum of the header (its checksum field read as 0) and the key. */
  private static int headerCrc(ByteBuffer fixed, byte[] key) {
    ByteBuffer copy = ByteBuffer.allocate(FIXED_HEADER).order(ByteOrder.LITTLE_ENDIAN);
    copy.put(fixed.duplicate().clear());
    copy.putInt(HEADER_CRC_AT, 0);
    CRC32C crc = new CRC32C();
    crc.update(copy.array());
    crc.update(key);
    return (int) crc.getValue();
  }

  private static void readLongs(FileChannel channel, long at, long[] into, CRC32C crc)
      throws IOException {
    int perChunk = CHUNK / Long.BYTES;
    for (int off = 0; off < into.length; off += perChunk) {
      int len = Math.min(perChunk, into.length - off);
      MappedByteBuffer map =
          channel.map(FileChannel.MapMode.READ_ONLY, at + (long) off * Long.BYTES, len * 8L);
      map.order(ByteOrder.LITTLE_ENDIAN);
      crc.update(map.duplicate());
      map.asLongBuffer().get(into, off, len);
    }
  }

  private static void readDoubles(FileChannel channel, long at, double[] into, CRC32C crc)
      throws IOException {
    int perChunk = CHUNK / Double.BYTES;
    for (int off = 0; off < into.length; off += perChunk) {
      int len = Math.min(perChunk, into.length - off);
      MappedByteBuffer map =
          channel.map(FileChannel.MapMode.READ_ONLY, at + (long) off * Double.BYTES, len * 8L);
      map.order(ByteOrder.LITTLE_ENDIAN);
      crc.update(map.duplicate());
      map.asDoubleBuffer().get(into, off, len);
    }
  }

  /** Writes the cache file, or warns once when the folder cannot be written. */
  private void write(Path cacheFile, byte[] key, Quotes quotes) {
    try {
      Files.createDirectories(folder);
      AtomicFiles.writeChannel(cacheFile, channel -> writeTo(channel, key, quotes), false);
    } catch (IOException | SecurityException | UnsupportedOperationException e) {
      if (WARNED.add(folder.toAbsolutePath().normalize())) {
        warnings.accept(
            "the quotes cache folder "
                + Excerpt.of(folder.toString())
                + " cannot be written ("
                + (e instanceof IOException io ? IoMessages.describe(io) : "not allowed")
                + "); quotes are read from the CSV files");
      }
    }
  }

  private static void writeTo(FileChannel channel, byte[] key, Quotes quotes) throws IOException {
    int n = quotes.size();
    long start = headerLength(key.length);
    CRC32C crc = new CRC32C();
    ByteBuffer buffer = ByteBuffer.allocateDirect(CHUNK >> 4).order(ByteOrder.LITTLE_ENDIAN);
    long at = start;
    at = writeColumn(channel, at, buffer, crc, quotes.timestampColumn(), null);
    at = writeColumn(channel, at, buffer, crc, null, quotes.bidAColumn());
    at = writeColumn(channel, at, buffer, crc, null, quotes.askAColumn());
    at = writeColumn(channel, at, buffer, crc, null, quotes.bidBColumn());
    writeColumn(channel, at, buffer, crc, null, quotes.askBColumn());
    ByteBuffer fixed = ByteBuffer.allocate(FIXED_HEADER).order(ByteOrder.LITTLE_ENDIAN);
    fixed.put(MAGIC).putInt(FORMAT_VERSION).putInt(key.length).putLong(n);
    fixed.putInt(0).putInt((int) crc.getValue());
    fixed.putInt(HEADER_CRC_AT, headerCrc(fixed, key));
    ByteBuffer header = ByteBuffer.allocate((int) start);
    header.put(fixed.array()).put(key).clear();
    writeFully(channel, header, 0);
  }

  /** Writes one column (longs or doubles) at {@code at}; returns where the next one starts. */
  private static long writeColumn(
      FileChannel channel, long at, ByteBuffer buffer, CRC32C crc, long[] longs, double[] doubles)
      throws IOException {
    int n = longs != null ? longs.length : doubles.length;
    int perChunk = buffer.capacity() / 8;
    for (int off = 0; off < n; off += perChunk) {
      int len = Math.min(perChunk, n - off);
      buffer.clear();
      if (longs != null) {
        buffer.asLongBuffer().put(longs, off, len);
      } else {
        buffer.asDoubleBuffer().put(doubles, off, len);
      }
      buffer.limit(len * 8);
      crc.update(buffer.duplicate());
      writeFully(channel, buffer, at);
      at += len * 8L;
    }
    return at;
  }

  private static void writeFully(FileChannel channel, ByteBuffer buffer, long at)
      throws IOException {
    long position = at;
    while (buffer.hasRemaining()) {
      position += channel.write(buffer, position);
    }
  }
}
