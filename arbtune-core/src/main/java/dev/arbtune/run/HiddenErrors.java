package dev.arbtune.run;

/**
 * The line a runner prints after the error jobs it listed one by one ({@code [run] ... and N more
 * error jobs}): where the others' reasons are, or, when some of them have no document (it could not
 * be written), how many and the first one's reason. One wording for {@code arbtune run} and the
 * Spark sweep.
 */
public final class HiddenErrors {

  private HiddenErrors() {}

  /**
   * @param tag what the line starts with, e.g. {@code [run]}
   * @param hidden error jobs not listed (more than 0)
   * @param withoutDocument how many of them have no document
   * @param firstWithoutDocument the first of those, as listed ({@code job ID: reason}), or {@code
   *     null} when there is none
   */
  public static String line(
      String tag, long hidden, long withoutDocument, String firstWithoutDocument) {
    if (withoutDocument == 0) {
      return tag + " ... and " + hidden + " more error jobs (see their documents)";
    }
    if (withoutDocument == hidden) {
      return tag
          + " ... and "
          + hidden
          + " more error jobs without a document (it could not be written), e.g. "
          + firstWithoutDocument;
    }
    return tag
        + " ... and "
        + hidden
        + " more error jobs (see their documents; "
        + withoutDocument
        + " of them have none, as it could not be written, e.g. "
        + firstWithoutDocument
        + ")";
  }
}
