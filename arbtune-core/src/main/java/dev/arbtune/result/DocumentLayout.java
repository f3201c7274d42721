package dev.arbtune.result;

/**
 * Lays out a success document member by member, without building its maps: the same bytes as {@link
 * ResultWriter#success(java.io.Writer, String, java.util.Map, java.util.Map, java.util.Map,
 * java.util.Map)} gives for maps holding the same members in the same order (final newline
 * included), or none at all ({@link #finish()} returns {@code null}) when a value is not plain, as
 * {@link PlainDocumentWriter} declines it: a key or string with a control or non-ASCII character, a
 * non-finite number, nesting deeper than {@link PlainDocumentWriter#MAX_DEPTH}. The caller then
 * writes the document from its maps. A document's members are written by the classes that also make
 * its maps ({@code BacktestConfig}, {@code BacktestMetrics}, {@code PeriodPnl}); property tests
 * hold each to its map.
 *
 * <p>Why: a sweep's jobs spend much of their first second in the JIT compilers and the interpreter,
 * in proportion to how much distinct code each job runs; building, boxing and walking three maps
 * per document is a good part of it. Not thread-safe; one per document.
 */
public final class DocumentLayout {

  private final PlainDocumentWriter w = new PlainDocumentWriter();

  /** Whether the open container at each depth (1 = the document) has no member yet. */
  private final boolean[] empty = new boolean[PlainDocumentWriter.MAX_DEPTH + 1];

  /** The opening bracket of the open container at each depth. */
  private final char[] open = new char[PlainDocumentWriter.MAX_DEPTH + 1];

  /** The open containers: 1 while only the document is. */
  private int depth;

  private boolean declined;

  /** A success document, its {@code status} member written. */
  public DocumentLayout() {
    w.put((byte) '{');
    depth = 1;
    empty[1] = true;
    open[1] = '{';
    member("status", ResultDocument.SUCCESS);
  }

  /** Starts an object member {@code key}; its members follow, then {@link #end()}. */
  public DocumentLayout beginObject(String key) {
    return begin(key, '{');
  }

  /** Starts an array member {@code key}; its items follow, then {@link #end()}. */
  public DocumentLayout beginArray(String key) {
    return begin(key, '[');
  }

  private DocumentLayout begin(String key, char bracket) {
    if (depth >= PlainDocumentWriter.MAX_DEPTH) {
      declined = true;
    }
    if (declined) {
      depth++;
      return this;
    }
    key(key);
    w.put((byte) bracket);
    depth++;
    empty[depth] = true;
    open[depth] = bracket;
    return this;
  }

  /** Ends the object or array begun last. */
  public DocumentLayout end() {
    if (depth <= 1) {
      throw new IllegalStateException("no object or array is open");
    }
    if (!declined) {
      boolean wasEmpty = empty[depth];
      char bracket = closing();
      if (!wasEmpty) {
        w.newline(depth - 1);
      }
      w.put((byte) bracket);
    }
    depth--;
    return this;
  }

  /** The closing bracket of the container at {@link #depth}, from its opening one. */
  private char closing() {
    return open[depth] == '[' ? ']' : '}';
  }

  /** A string member ({@code null} written as {@code null}). */
  public DocumentLayout member(String key, String value) {
    if (key(key)) {
      string(value);
    }
    return this;
  }

  /** A number member, written as a {@link Double} is ({@code null} written as {@code null}). */
  public DocumentLayout member(String key, Double value) {
    if (key(key)) {
      number(value);
    }
    return this;
  }

  /** A number member, written as a {@link Double} is. */
  public DocumentLayout member(String key, double value) {
    if (key(key)) {
      number(value);
    }
    return this;
  }

  /** A whole-number member, written as an {@link Integer} or a {@link Long} is. */
  public DocumentLayout member(String key, long value) {
    if (key(key)) {
      w.ascii(Long.toString(value));
    }
    return this;
  }

  /** A boolean member. */
  public DocumentLayout member(String key, boolean value) {
    if (key(key)) {
      w.ascii(value ? "true" : "false");
    }
    return this;
  }

  /** A string item of the array begun last ({@code null} written as {@code null}). */
  public DocumentLayout item(String value) {
    if (item()) {
      string(value);
    }
    return this;
  }

  /** A number item of the array begun last, written as a {@link Double} is. */
  public DocumentLayout item(double value) {
    if (item()) {
      number(value);
    }
    return this;
  }

  /** A whole-number item of the array begun last, written as an {@link Integer} is. */
  public DocumentLayout item(long value) {
    if (item()) {
      w.ascii(Long.toString(value));
    }
    return this;
  }

  /**
   * The document's bytes, closed, with a final newline; {@code null} when a value was not plain.
   *
   * @throws IllegalStateException when an object or array is still open
   */
  public byte[] finish() {
    if (depth != 1) {
      throw new IllegalStateException("an object or array is still open");
    }
    if (declined) {
      return null;
    }
    w.newline(0);
    w.put((byte) '}');
    w.put((byte) '\n');
    return w.bytes();
  }

  /**
   * Before a member's value: the separator and its key; false when declined.
   *
   * @throws IllegalStateException when the container begun last is an array
   */
  private boolean key(String key) {
    if (declined) {
      return false;
    }
    if (open[depth] != '{') {
      throw new IllegalStateException("a member " + key + " inside an array: give items");
    }
    w.separate(empty[depth], depth);
    empty[depth] = false;
    if (key == null || !w.string(key)) {
      declined = true;
      return false;
    }
    w.put((byte) ':');
    w.put((byte) ' ');
    return true;
  }

  /**
   * Before an item: the separator; false when declined.
   *
   * @throws IllegalStateException when the container begun last is an object
   */
  private boolean item() {
    if (declined) {
      return false;
    }
    if (open[depth] != '[') {
      throw new IllegalStateException("an item inside an object: give members");
    }
    w.separate(empty[depth], depth);
    empty[depth] = false;
    return true;
  }

  private void string(String value) {
    if (value == null) {
      w.ascii("null");
    } else if (!w.string(value)) {
      declined = true;
    }
  }

  private void number(Double value) {
    if (value == null) {
      w.ascii("null");
    } else {
      number(value.doubleValue());
    }
  }

  private void number(double value) {
    if (!w.number(value)) {
      declined = true;
    }
  }
}
