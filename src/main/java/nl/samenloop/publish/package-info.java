/**
 * Publication-package writers (spec disclosure.md, "Package contents") and the publish flow.
 * {@link nl.samenloop.publish.Publication#publish} calls, in order:
 * <ol>
 * <li>{@link nl.samenloop.publish.PackageWriter#write} — {@code tables/<name>.csv} (tidy),
 * {@code tables/<name>.xlsx} (Dutch layout + Toelichting) and {@code charts/<name>.png}, into a new folder
 * beside the output folder ({@link nl.samenloop.publish.PackageFolder});</li>
 * <li>the audit writer of {@code nl.samenloop.disclosure} — {@code audit/};</li>
 * <li>{@link nl.samenloop.publish.OutputCheck#text} — {@code output-check.md} with a checksum of every
 * other file, kept in the working area until the package is recorded;</li>
 * <li>{@link nl.samenloop.publish.PackageScanner#scan} — a last look for person keys, record-level column
 * names, dates and suppressed counts;</li>
 * <li>the caller's release step (the release register), then the output check joins the package and the folder is
 * renamed into place.</li>
 * </ol>
 * Every writer takes its numbers from {@link nl.samenloop.publish.PublishedRow}, the one place that decides
 * what is shown, so no file can print a number another file dots out.
 */
package nl.samenloop.publish;
