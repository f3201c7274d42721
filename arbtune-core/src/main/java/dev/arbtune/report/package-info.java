/**
 * The self-contained HTML report of a tuning session: {@link dev.arbtune.report.HtmlReport} scans a
 * results folder (with {@link dev.arbtune.insights.InsightCollector}), draws the charts with XChart
 * ({@link dev.arbtune.report.Charts}, headless, PNG) and writes one HTML file with inline styles
 * and the images as {@code data:} URIs, so that it opens anywhere without network access.
 */
package dev.arbtune.report;
