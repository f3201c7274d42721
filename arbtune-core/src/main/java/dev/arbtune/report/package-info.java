/**
 * The self-contained HTML report of a tuning session: {@link dev.arbtune.report.HtmlReport} scans a
 * results folder (with {@link dev.arbtune.insights.InsightCollector}), draws the charts with XChart
 * ({@link dev.arbtune.report.Charts}, headless, PNG) and writes one HTML file with inline styles
 * and the images as {@code data:} URIs, so that it opens anywhere without network access.
 *
 * <p>"The seed" is the original D39 aggregator that arbtune stays compatible with; what it
 * specifies, where this package sits and what it may import: {@code docs/ARCHITECTURE.md}.
 */
package dev.arbtune.report;
