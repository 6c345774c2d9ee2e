package io.customergraph.language;

/** Published when word vectors are loaded or retrained: vectors derived from them (company names, people's context) are stale. */
public record WordVectorsChanged(WordVectorService.Info info) {}
