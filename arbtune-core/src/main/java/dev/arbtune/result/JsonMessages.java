package dev.arbtune.result;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Jackson's parse failures as sentences a user can act on: its limits ({@code Name length (60000)
 * exceeds the maximum allowed (50000, from `StreamReadConstraints.getMaxNameLength()`)}) and its
 * other messages that name Java types, features or token names ({@code Trailing token ... (bound as
 * `java.lang.Object`)}, {@code end-of-input in VALUE_STRING}) are said without those names; every
 * other message is Jackson's own.
 */
public final class JsonMessages {

  /** A limit of {@code StreamReadConstraints}: the maximum and the getter's suffix. */
  private static final Pattern LIMIT =
      Pattern.compile("maximum allowed \\((\\d+), from `\\w+\\.getMax(\\w+)\\(\\)`\\)");

  private static final Pattern TRAILING = Pattern.compile("^Trailing token\\b");

  /** Whatever else points at a Java name in back quotes, with the words leading to it. */
  private static final Pattern JAVA_NAME = Pattern.compile(",? *(?:from|as per|bound as) *`[^`]*`");

  /** Jackson's names of tokens ({@code Unexpected end-of-input in VALUE_STRING}). */
  private static final Pattern TOKEN =
      Pattern.compile(
          "\\b(START_OBJECT|END_OBJECT|START_ARRAY|END_ARRAY|FIELD_NAME|VALUE_STRING"
              + "|VALUE_NUMBER_INT|VALUE_NUMBER_FLOAT|VALUE_TRUE|VALUE_FALSE|VALUE_NULL)\\b");

  /**
   * Jackson's pointers to other places ({@code [Source: REDACTED
   * (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); line: 15, column: 14]}, e.g. where
   * an unclosed object started), said as {@code line 15, column 14}.
   */
  private static final Pattern SOURCE_REFERENCE =
      Pattern.compile("\\[Source: [^\\]]*?; line: (\\d+), column: (\\d+)\\]");

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
    String words = SOURCE_REFERENCE.matcher(message).replaceAll("line $1, column $2");
    words = JAVA_NAME.matcher(words).replaceAll("");
    return TOKEN.matcher(words).replaceAll(t -> Matcher.quoteReplacement(token(t.group(1))));
  }

  private static String token(String name) {
    return switch (name) {
      case "START_OBJECT" -> "the start of an object";
      case "END_OBJECT" -> "the end of an object";
      case "START_ARRAY" -> "the start of an array";
      case "END_ARRAY" -> "the end of an array";
      case "FIELD_NAME" -> "a key";
      case "VALUE_STRING" -> "a string";
      case "VALUE_NUMBER_INT", "VALUE_NUMBER_FLOAT" -> "a number";
      case "VALUE_TRUE" -> "true";
      case "VALUE_FALSE" -> "false";
      default -> "null";
    };
  }
}
