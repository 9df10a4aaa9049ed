/**
 * Synthetic CBS-style microdata for tests, demos and benchmarks (spec data-layout.md), in pure Java.
 *
 * <p>Entry points: {@link nl.samenloop.generate.Generator#generate(GeneratorSpec, java.nio.file.Path,
 * nl.samenloop.model.Reference)} with a {@link nl.samenloop.generate.GeneratorSpec} (start from
 * {@code GeneratorSpec.defaults(seed, youth)} and the {@code with…} methods), or
 * {@link nl.samenloop.generate.GenerateCommand#run(String...)} for the command line, whose options
 * ({@link nl.samenloop.generate.GenerateOptions}) {@code samenloop generate} shares. The result,
 * {@link nl.samenloop.generate.GenerationResult}, has the same counts as {@code generator-manifest.json}.
 *
 * <p>How it fits together: {@link nl.samenloop.generate.Geography} places people on address objects and maps
 * each object to its municipality per classification year through the merger table;
 * {@link nl.samenloop.generate.PersonSimulator} simulates one person (birth, addresses, care episodes of
 * {@link nl.samenloop.generate.CareModel}) from (seed, index) alone; {@link nl.samenloop.generate.Generator}
 * runs persons in chunks on a thread pool, renders yearly files and faults
 * ({@link nl.samenloop.generate.FaultInjector}) and streams rows in index order into CSV, Parquet or SPSS
 * writers. Same spec, same bytes.
 */
package nl.samenloop.generate;
