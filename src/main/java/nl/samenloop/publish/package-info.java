/**
 * Publication-package writers (spec disclosure.md, "Package contents"). The engine calls, in order:
 * <ol>
 * <li>{@link nl.samenloop.publish.PackageWriter#write} — {@code tables/<name>.csv} (tidy),
 * {@code tables/<name>.xlsx} (Dutch layout + Toelichting) and {@code charts/<name>.png};</li>
 * <li>the audit writer of {@code nl.samenloop.disclosure} — {@code audit/};</li>
 * <li>{@link nl.samenloop.publish.OutputCheck#write} — {@code output-check.md} with a checksum of every
 * other file;</li>
 * <li>{@link nl.samenloop.publish.PackageScanner#scan} — a last look for person keys, record-level column
 * names, dates and suppressed counts.</li>
 * </ol>
 * Every writer takes its numbers from {@link nl.samenloop.publish.PublishedRow}, the one place that decides
 * what is shown, so no file can print a number another file dots out.
 */
package nl.samenloop.publish;
