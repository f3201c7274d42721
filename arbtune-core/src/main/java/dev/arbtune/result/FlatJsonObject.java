package dev.arbtune.result;

import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
import java.io.ObjectStreamException;
import java.io.Serial;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * A JSON object read by {@link PlainDocumentParser}: a copy of the object's bytes (not of the whole
 * document, which may carry large fields nobody asks for) and where each member is, with every
 * value built only when it is asked for. A scan that ranks 100,000 documents reads three or four
 * values of each and prints the whole of ten, so most values are never built.
 *
 * <p>Unmodifiable; keys unique, ASCII and in the document's order; values exactly as {@link
 * ResultReader} builds them (see {@link ResultDocument}); a value is built again on every access,
 * so instances are thread-safe. Java serialization writes an ordinary unmodifiable {@link
 * LinkedHashMap} instead ({@link #writeReplace}).
 */
final class FlatJsonObject extends AbstractMap<String, Object> implements Serializable {

  @Serial private static final long serialVersionUID = 1L;

  /** Kinds of member values. */
  static final byte STRING = 0;

  static final byte INT = 1;
  static final byte DECIMAL = 2;
  static final byte TRUE = 3;
  static final byte FALSE = 4;
  static final byte NULL = 5;

  /** An object or an array, built by Jackson when asked for. */
  static final byte NESTED = 6;

  /** The object's bytes, from its opening to its closing brace. */
  private final transient byte[] bytes;

  /** Ints per member in {@link #spans}. */
  static final int STRIDE = 5;

  /**
   * Per member, {@link #STRIDE} ints: key start, key length, key hash ({@link #hash}), value start,
   * value end (exclusive); offsets in {@link #bytes}.
   */
  private final transient int[] spans;

  private final transient byte[] kinds;
  private final transient int size;

  FlatJsonObject(byte[] bytes, int[] spans, byte[] kinds, int size) {
    this.bytes = bytes;
    this.spans = spans;
    this.kinds = kinds;
    this.size = size;
  }

  /** How many bytes of the document this map keeps: its own object's, no more. */
  int retainedBytes() {
    return bytes.length;
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public boolean isEmpty() {
    return size == 0;
  }

  @Override
  public boolean containsKey(Object key) {
    return indexOf(key) >= 0;
  }

  @Override
  public Object get(Object key) {
    int i = indexOf(key);
    return i < 0 ? null : value(i);
  }

  /**
   * The hash of an ASCII key: {@link String#hashCode()} of the same characters, which a string
   * computes once and keeps, so lookups compare characters only on a match.
   */
  static int hash(byte[] bytes, int start, int length) {
    int h = 0;
    for (int k = start; k < start + length; k++) {
      h = 31 * h + bytes[k];
    }
    return h;
  }

  private int indexOf(Object key) {
    if (!(key instanceof String s)) {
      return -1;
    }
    int h = s.hashCode();
    int len = s.length();
    byte[] ascii = null;
    for (int i = 0; i < size; i++) {
      int at = STRIDE * i;
      if (spans[at + 2] == h && spans[at + 1] == len) {
        if (ascii == null) {
          ascii = asciiKey(s);
          if (ascii == null) {
            return -1; // not ASCII: no key here can be equal
          }
        }
        if (keyEquals(spans[at], ascii)) {
          return i;
        }
      }
    }
    return -1;
  }

  private boolean keyEquals(int start, byte[] key) {
    for (int j = 0; j < key.length; j++) {
      if (bytes[start + j] != key[j]) {
        return false;
      }
    }
    return true;
  }

  /** Keys looked up, as ASCII bytes; the same few are asked for again and again. */
  private static final ConcurrentHashMap<String, byte[]> ASCII_KEYS = new ConcurrentHashMap<>();

  private static final int MAX_CACHED_KEYS = 1024;

  /** {@code key} as ASCII bytes, or {@code null} when it is not ASCII (so it matches no key). */
  private static byte[] asciiKey(String key) {
    byte[] cached = ASCII_KEYS.get(key);
    if (cached != null) {
      return cached;
    }
    byte[] ascii = new byte[key.length()];
    for (int j = 0; j < ascii.length; j++) {
      char c = key.charAt(j);
      if (c > 0x7F) {
        return null;
      }
      ascii[j] = (byte) c;
    }
    if (ASCII_KEYS.size() < MAX_CACHED_KEYS) {
      ASCII_KEYS.putIfAbsent(key, ascii);
    }
    return ascii;
  }

  private String key(int i) {
    return new String(bytes, spans[STRIDE * i], spans[STRIDE * i + 1], StandardCharsets.ISO_8859_1);
  }

  private Object value(int i) {
    int start = spans[STRIDE * i + 3];
    int end = spans[STRIDE * i + 4];
    return switch (kinds[i]) {
      // The parser let through only ASCII strings without escapes: bytes are characters.
      case STRING -> new String(bytes, start + 1, end - start - 2, StandardCharsets.ISO_8859_1);
      case INT -> parseLong(start, end);
      case DECIMAL -> decimal(start, end);
      case TRUE -> Boolean.TRUE;
      case FALSE -> Boolean.FALSE;
      case NULL -> null;
      default -> nested(start, end);
    };
  }

  /** At most 18 digits and an optional sign, checked by the parser: no overflow. */
  private Long parseLong(int start, int end) {
    boolean negative = bytes[start] == '-';
    long v = 0;
    for (int j = negative ? start + 1 : start; j < end; j++) {
      v = v * 10 + (bytes[j] - '0');
    }
    return negative ? -v : v;
  }

  private Object decimal(int start, int end) {
    char[] digits = new char[end - start];
    for (int k = 0; k < digits.length; k++) {
      digits[k] = (char) bytes[start + k];
    }
    BigDecimal d = new BigDecimal(digits);
    // As ResultReader: BigDecimal has no negative zero, so -0.0 stays a double.
    return d.signum() == 0 && bytes[start] == '-' ? (Object) (-0.0) : d;
  }

  private Object nested(int start, int end) {
    try (JsonParser p = Json.factory().createParser(bytes, start, end - start)) {
      p.nextToken();
      return ResultReader.readValue(p);
    } catch (IOException e) {
      // The parser checked these bytes already; Jackson cannot disagree.
      throw new UncheckedIOException("re-reading a checked JSON value failed", e);
    }
  }

  @Override
  public Set<String> keySet() {
    return Collections.unmodifiableSet(super.keySet());
  }

  @Override
  public Collection<Object> values() {
    return Collections.unmodifiableCollection(super.values());
  }

  @Override
  public Set<Entry<String, Object>> entrySet() {
    return Collections.unmodifiableSet(entries());
  }

  // Every mutator throws, even one that would change nothing, as Collections.unmodifiableMap's do
  // (AbstractMap's throw only when something would change).

  @Override
  public Object put(String key, Object value) {
    throw unmodifiable();
  }

  @Override
  public Object remove(Object key) {
    throw unmodifiable();
  }

  @Override
  public void putAll(Map<? extends String, ?> m) {
    throw unmodifiable();
  }

  @Override
  public void clear() {
    throw unmodifiable();
  }

  @Override
  public boolean remove(Object key, Object value) {
    throw unmodifiable();
  }

  @Override
  public Object putIfAbsent(String key, Object value) {
    throw unmodifiable();
  }

  @Override
  public Object replace(String key, Object value) {
    throw unmodifiable();
  }

  @Override
  public boolean replace(String key, Object oldValue, Object newValue) {
    throw unmodifiable();
  }

  @Override
  public void replaceAll(BiFunction<? super String, ? super Object, ?> function) {
    throw unmodifiable();
  }

  @Override
  public Object computeIfAbsent(String key, Function<? super String, ?> f) {
    throw unmodifiable();
  }

  @Override
  public Object computeIfPresent(String key, BiFunction<? super String, ? super Object, ?> f) {
    throw unmodifiable();
  }

  @Override
  public Object compute(String key, BiFunction<? super String, ? super Object, ?> f) {
    throw unmodifiable();
  }

  @Override
  public Object merge(String key, Object value, BiFunction<? super Object, ? super Object, ?> f) {
    throw unmodifiable();
  }

  private static UnsupportedOperationException unmodifiable() {
    return new UnsupportedOperationException("a result document's object is read-only");
  }

  private Set<Entry<String, Object>> entries() {
    return new AbstractSet<>() {
      @Override
      public int size() {
        return size;
      }

      @Override
      public Iterator<Entry<String, Object>> iterator() {
        return new Iterator<>() {
          private int next;

          @Override
          public boolean hasNext() {
            return next < size;
          }

          @Override
          public Entry<String, Object> next() {
            if (next >= size) {
              throw new NoSuchElementException();
            }
            int i = next++;
            return new SimpleImmutableEntry<>(key(i), value(i));
          }
        };
      }
    };
  }

  @Serial
  private Object writeReplace() throws ObjectStreamException {
    return Collections.unmodifiableMap(new LinkedHashMap<>(this));
  }
}
