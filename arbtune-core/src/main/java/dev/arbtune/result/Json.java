package dev.arbtune.result;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;

/**
 * The JSON settings shared by every reader and writer in arbtune.
 *
 * <p>Reading accepts what Python's {@code json} module writes ({@code NaN}, {@code Infinity}) and
 * caps nesting depth and number length so that hostile input fails fast instead of exhausting the
 * stack or the heap. Writing produces the layout of Python's {@code json.dump(obj, indent=2)}, so
 * summaries written by arbtune diff cleanly against the seed's.
 */
public final class Json {

  /** Deepest nesting a result document may have; real ones are three levels deep. */
  public static final int MAX_NESTING_DEPTH = 256;

  /** Longest number literal accepted, in characters. */
  public static final int MAX_NUMBER_LENGTH = 1000;

  // Writing: doubles go through Double.toString, as PlainDocumentWriter writes them (its output
  // must stay byte-equal to Jackson's): do not enable StreamWriteFeature.USE_FAST_DOUBLE_WRITER.
  private static final JsonFactory FACTORY =
      new JsonFactoryBuilder()
          .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
          // Field names stay canonicalized: without it Jackson decodes through a Reader that
          // lets invalid UTF-8 through. The price: documents that each bring new keys (300,000
          // lines with a key of their own) scan about 4x slower, as the symbol table churns.
          // Interning into the JVM's string pool is not needed.
          .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
          .streamReadConstraints(
              StreamReadConstraints.builder()
                  .maxNestingDepth(MAX_NESTING_DEPTH)
                  .maxNumberLength(MAX_NUMBER_LENGTH)
                  .build())
          .build();

  private static final ObjectMapper MAPPER = new ObjectMapper(FACTORY);

  private static final ObjectWriter PRETTY = MAPPER.writer(pythonStylePrinter());

  private static final ObjectWriter COMPACT = MAPPER.writer();

  private Json() {}

  /** The one configured streaming factory: thread-safe, share it. */
  public static JsonFactory factory() {
    return FACTORY;
  }

  /** A writer whose layout matches Python's {@code json.dump(obj, indent=2)}. */
  public static ObjectWriter prettyWriter() {
    return PRETTY;
  }

  /** A writer that puts a whole value on one line (for JSON Lines). */
  public static ObjectWriter compactWriter() {
    return COMPACT;
  }

  private static DefaultPrettyPrinter pythonStylePrinter() {
    Separators separators =
        Separators.createDefaultInstance()
            .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
            .withObjectEmptySeparator("")
            .withArrayEmptySeparator("");
    DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
    DefaultPrettyPrinter printer = new DefaultPrettyPrinter(separators);
    printer.indentObjectsWith(indenter);
    printer.indentArraysWith(indenter);
    return printer;
  }
}
