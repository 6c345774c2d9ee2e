/** Command-line entry points that run without the web service: demo-world generation and benchmarks. */
@NullMarked
package io.customergraph.cli;

import org.jspecify.annotations.NullMarked;
