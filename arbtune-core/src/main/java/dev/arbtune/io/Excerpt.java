package dev.arbtune.io;

/**
 * Bounded echoes of user input in messages: an error message quotes at most {@link #MAX_CHARS}
 * characters of what it complains about, so that a 100 MB field gives a one-line message, not 100
 * MB on stderr and in an error document. What is cut is marked with the full length: {@code
 * xxxx…(100000000 characters)}.
 */
public final class Excerpt {

  /** How many characters of an offending value a message quotes. */
  public static final int MAX_CHARS = 200;

  /** How long a whole message may get before {@link #bound} shortens its middle. */
  public static final int MAX_MESSAGE_CHARS = 1000;

  private Excerpt() {}

  /**
   * {@code text} itself when it has at most {@link #MAX_CHARS} characters, else its first {@link
   * #MAX_CHARS} characters followed by {@code …(N characters)}, N being its full length. {@code
   * null} gives {@code "null"}.
   */
  public static String of(String text) {
    if (text == null) {
      return "null";
    }
    if (text.length() <= MAX_CHARS) {
      return text;
    }
    int end = MAX_CHARS;
    if (Character.isHighSurrogate(text.charAt(end - 1))) {
      end--; // never split a character in two
    }
    return text.substring(0, end) + "…(" + text.length() + " characters)";
  }

  /** {@link #of} between double quotes: {@code "abc"}, {@code "xxxx…(300000 characters)"}. */
  public static String quoted(String text) {
    return "\"" + of(text) + "\"";
  }

  /**
   * A last guard for whole messages: {@code message} itself when it has at most {@link
   * #MAX_MESSAGE_CHARS} characters, else its start and its end around {@code …(N characters)…}, so
   * that both the place (at the start) and the cause (often at the end) stay visible.
   */
  public static String bound(String message) {
    if (message == null || message.length() <= MAX_MESSAGE_CHARS) {
      return message;
    }
    int head = MAX_MESSAGE_CHARS - MAX_CHARS;
    if (Character.isHighSurrogate(message.charAt(head - 1))) {
      head--;
    }
    int tail = message.length() - MAX_CHARS;
    if (Character.isLowSurrogate(message.charAt(tail))) {
      tail++;
    }
    return message.substring(0, head)
        + "…("
        + message.length()
        + " characters)…"
        + message.substring(tail);
  }
}
