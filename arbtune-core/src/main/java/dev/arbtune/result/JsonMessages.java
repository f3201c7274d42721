package dev.arbtune.result;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Jackson's parse failures as sentences a user can act on: its limits ({@code Name length (60000)
 * exceeds the maximum allowed (50000, from `StreamReadConstraints.getMaxNameLength()`)}) and its
 * other messages that name Java types or features ({@code Trailing token ... (bound as
 * `java.lang.Object`)}) are said without those names; every other message is Jackson's own.
 */
public final class JsonMessages {

  /** A limit of {@code StreamReadConstraints}: the maximum and the getter's suffix. */
  private static final Pattern LIMIT =
      Pattern.compile("maximum allowed \\((\\d+), from `\\w+\\.getMax(\\w+)\\(\\)`\\)");

  private static final Pattern TRAILING = Pattern.compile("^Trailing token\\b");

  /** Whatever else points at a Java name in back quotes, with the words leading to it. */
  private static final Pattern JAVA_NAME = Pattern.compile(",? *(?:from|as per|bound as) *`[^`]*`");

  private JsonMessages() {}

  /**
   * Jackson's message for {@code e} without its location (the caller places it), as a sentence
   * fragment, e.g. {@code a key is longer than 50,000 characters}; {@code malformed JSON} when it
   * has none.
   */
  public static String describe(JsonProcessingException e) {
    String message = e.getOriginalMessage();
    if (message == null || message.isBlank()) {
      return "malformed JSON";
    }
    Matcher limit = LIMIT.matcher(message);
    if (limit.find()) {
      String what =
          switch (limit.group(2)) {
            case "NameLength" -> "a key is longer than %,d characters";
            case "NumberLength" -> "a number is longer than %,d characters";
            case "StringLength" -> "a string is longer than %,d characters";
            case "NestingDepth" -> "the values are nested deeper than %,d levels";
            case "DocumentLength" -> "the document is longer than %,d characters";
            case "TokenCount" -> "the document has more than %,d values and punctuation marks";
            default -> "the input exceeds a limit of the JSON parser (%,d)";
          };
      return String.format(Locale.ROOT, what, Long.parseLong(limit.group(1)));
    }
    if (TRAILING.matcher(message).find()) {
      return "something follows the end of the JSON value";
    }
    return JAVA_NAME.matcher(message).replaceAll("");
  }
}
