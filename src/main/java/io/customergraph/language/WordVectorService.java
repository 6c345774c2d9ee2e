package io.customergraph.language;

import io.customergraph.graph.GraphProperties;
import io.customergraph.graph.Ids;
import io.customergraph.graph.NodeKind;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import org.deeplearning4j.models.embeddings.loader.WordVectorSerializer;
import org.deeplearning4j.models.embeddings.wordvectors.WordVectors;
import org.deeplearning4j.models.word2vec.Word2Vec;
import org.deeplearning4j.text.sentenceiterator.CollectionSentenceIterator;
import org.deeplearning4j.text.tokenization.tokenizer.preprocessor.CommonPreprocessor;
import org.deeplearning4j.text.tokenization.tokenizerfactory.DefaultTokenizerFactory;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.stereotype.Service;

/**
 * Word vectors of the customer's own language. Trained with Deeplearning4j Word2Vec on what customers and we wrote and
 * said — email new text (not quoted history, not signatures), call transcripts, ticket subjects, descriptions and
 * comments — after {@link Placeholders} replaced personal data. Training uses one worker and a seed, so the same
 * corpus gives the same vectors. Each training is a version: a file under the data directory and a {@code Model}
 * node ({@code kind: 'WORD2VEC'}) describing it, with the file's bytes in {@code ModelPart} nodes (4 MB each) so that
 * every instance on one database loads the same version — one trains (under a lease), the others copy it from the
 * graph when they see a newer version. Only the newest version's bytes are kept. Vectors are derived state: lost
 * files are copied again or trained again.
 */
@Service
public class WordVectorService {

  private static final Logger log = LoggerFactory.getLogger(WordVectorService.class);
  private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])\\s+|\\n+");
  /** A trained version's bytes are stored in the graph in parts of this size. */
  private static final int PART_BYTES = 4 << 20;
  /** Page size when reading the corpus from the graph. */
  private static final int PAGE = 2_000;

  /** What is loaded now. */
  public record Info(int version, OffsetDateTime trainedAt, int vocabulary, long sentences, String source) {}

  private record Loaded(WordVectors vectors, Info info) {}

  private final org.springframework.context.ApplicationEventPublisher events;

  private final Neo4jClient client;
  private final LanguageProperties properties;
  private final Path directory;
  private final Clock clock;
  private final AtomicReference<@Nullable Loaded> current = new AtomicReference<>();

  WordVectorService(Neo4jClient client, LanguageProperties properties, GraphProperties graph, Clock clock,
      org.springframework.context.ApplicationEventPublisher events) {
    this.client = client;
    this.events = events;
    this.properties = properties;
    this.directory = graph.dataDirectory().resolve("vectors");
    this.clock = clock;
  }

  /** The loaded vectors' description, if any are loaded. */
  public Optional<Info> info() {
    Loaded l = current.get();
    return l == null ? Optional.empty() : Optional.of(l.info());
  }

  /** The words nearest to a word, with their cosine similarity; empty when the word is unknown. */
  public List<Map.Entry<String, Double>> similarWords(String word, int n) {
    Loaded l = current.get();
    String w = word.strip().toLowerCase(java.util.Locale.ROOT);
    if (l == null || !l.vectors().hasWord(w)) {
      return List.of();
    }
    List<Map.Entry<String, Double>> out = new ArrayList<>();
    Collection<String> nearest = l.vectors().wordsNearest(w, n);
    for (String other : nearest) {
      out.add(Map.entry(other, l.vectors().similarity(w, other)));
    }
    return out;
  }

  /** Cosine similarity of two words; empty when either is unknown. */
  public Optional<Double> similarity(String a, String b) {
    Loaded l = current.get();
    String x = a.strip().toLowerCase(java.util.Locale.ROOT);
    String y = b.strip().toLowerCase(java.util.Locale.ROOT);
    if (l == null || !l.vectors().hasWord(x) || !l.vectors().hasWord(y)) {
      return Optional.empty();
    }
    return Optional.of(l.vectors().similarity(x, y));
  }

  /** The vector of a word, for comparisons in tests and diagnostics. */
  public Optional<double[]> vector(String word) {
    Loaded l = current.get();
    return l == null || !l.vectors().hasWord(word) ? Optional.empty() : Optional.of(l.vectors().getWordVector(word));
  }

  /** Smoothing of the frequency weights (Arora, Liang and Ma, "A Simple but Tough-to-Beat Baseline for Sentence Embeddings", 2017). */
  private static final double SIF = 1e-3;
  private static final Pattern TEXT_WORD = Pattern.compile("\\p{L}[\\p{L}'-]*");

  /**
   * The mean vector of the texts' known words, each weighted a/(a + p(word)) so that frequent words ("the", "thanks")
   * count little, normalised to length 1; empty when the vectors know none of the words (or none are loaded).
   */
  public Optional<float[]> textVector(Collection<String> texts) {
    Loaded l = current.get();
    return l == null ? Optional.empty() : textVector(l.vectors(), texts);
  }

  /** {@link #textVector(Collection)} with given vectors (the evaluation trains its own). */
  public static Optional<float[]> textVector(WordVectors vectors, Collection<String> texts) {
    long total = vectors.vocab().totalWordOccurrences();
    double[] sum = null;
    for (String text : texts) {
      java.util.regex.Matcher m = TEXT_WORD.matcher(text.toLowerCase(java.util.Locale.ROOT));
      while (m.find()) {
        String w = m.group();
        if (!vectors.hasWord(w)) {
          continue;
        }
        // Vectors loaded from a plain word2vec file carry no frequencies: every word then weighs the same.
        int f = vectors.vocab().wordFrequency(w);
        double weight = total > 0 && f > 0 ? SIF / (SIF + f / (double) total) : 1;
        double[] v = vectors.getWordVector(w);
        sum = sum == null ? new double[v.length] : sum;
        for (int i = 0; i < v.length; i++) {
          sum[i] += weight * v[i];
        }
      }
    }
    if (sum == null) {
      return Optional.empty();
    }
    double norm = 0;
    for (double x : sum) {
      norm += x * x;
    }
    if (norm == 0) {
      return Optional.empty();
    }
    float[] out = new float[sum.length];
    for (int i = 0; i < sum.length; i++) {
      out[i] = (float) (sum[i] / Math.sqrt(norm));
    }
    return Optional.of(out);
  }

  /** The loaded vocabulary. */
  public Collection<String> vocabulary() {
    Loaded l = current.get();
    return l == null ? List.of() : l.vectors().vocab().words();
  }

  /** Loads user-provided vectors if configured, else the newest trained version whose file exists. */
  public synchronized Optional<Info> load() {
    if (properties.vectorsFile() != null && !properties.vectorsFile().isBlank()) {
      File file = new File(properties.vectorsFile());
      WordVectors v = WordVectorSerializer.readWord2VecModel(file);
      Info info = new Info(0, OffsetDateTime.now(clock), v.vocab().numWords(), 0, "file:" + file.getName());
      current.set(new Loaded(v, info));
      events.publishEvent(new WordVectorsChanged(info));
      log.info("Loaded word vectors from {} ({} words)", file, info.vocabulary());
      return Optional.of(info);
    }
    Optional<Map<String, Object>> latest =
        client.query("""
            MATCH (m:Model {kind: 'WORD2VEC'})
            RETURN m.version AS version, m.file AS file, m.trainedAt AS trainedAt, m.sentences AS sentences, m.sha256 AS sha256
            ORDER BY m.version DESC LIMIT 1""")
            .fetch().one();
    if (latest.isEmpty()) {
      return Optional.empty();
    }
    int version = ((Number) latest.get().get("version")).intValue();
    Path file = directory.resolve((String) latest.get().get("file"));
    if (!fetch(version, file, (String) latest.get().get("sha256"))) {
      log.info("Word vectors v{} are neither on this machine ({}) nor stored in the graph; they will be trained again", version, file);
      return Optional.empty();
    }
    Word2Vec v = WordVectorSerializer.readWord2VecModel(file.toFile());
    Info info = new Info(version,
        ((java.time.ZonedDateTime) latest.get().get("trainedAt")).toOffsetDateTime(), v.vocab().numWords(),
        ((Number) latest.get().get("sentences")).longValue(), "trained");
    current.set(new Loaded(v, info));
    forgetOtherFiles(file);
    events.publishEvent(new WordVectorsChanged(info));
    return Optional.of(info);
  }

  /** The newest version stored in the graph (0 when none): an instance loads it when it is newer than its own. */
  public int storedVersion() {
    return client.query("MATCH (m:Model {kind: 'WORD2VEC'}) RETURN coalesce(max(m.version), 0)").fetchAs(Integer.class).one().orElse(0);
  }

  /**
   * Makes sure the version's file is on this machine: kept if its hash matches what the graph holds, else written
   * from the parts stored in the graph (every instance on one database loads the same version, issue #23).
   */
  private boolean fetch(int version, Path file, @Nullable String sha256) {
    try {
      if (Files.exists(file) && (sha256 == null || sha256.equals(Ids.sha256(Files.readAllBytes(file))))) {
        return true;
      }
      List<byte[]> parts = client.query("""
              MATCH (:Model {kind: 'WORD2VEC', version: $version})-[:PART]->(p:ModelPart) RETURN p.bytes AS bytes ORDER BY p.index""")
          .bind(version).to("version").fetchAs(byte[].class).mappedBy((t, r) -> r.get("bytes").asByteArray()).all().stream().toList();
      if (parts.isEmpty()) {
        return false;
      }
      java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
      for (byte[] part : parts) {
        all.write(part);
      }
      byte[] bytes = all.toByteArray();
      if (sha256 != null && !sha256.equals(Ids.sha256(bytes))) {
        log.warn("Word vectors v{} stored in the graph do not match their hash; they will be trained again", version);
        return false;
      }
      Files.createDirectories(directory);
      Path partial = directory.resolve(file.getFileName() + ".part");
      Files.write(partial, bytes);
      Files.move(partial, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      log.info("Word vectors v{} copied from the graph ({} bytes)", version, bytes.length);
      return true;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write word vectors under " + directory, e);
    }
  }

  /** Older versions' files on this machine go once a newer one is loaded (an erasure retrains without a person's text). */
  private void forgetOtherFiles(Path keep) {
    try (var files = Files.list(directory)) {
      files.filter(f -> f.getFileName().toString().startsWith("word2vec-v") && !f.equals(keep)).forEach(f -> {
        try {
          Files.deleteIfExists(f);
        } catch (IOException e) {
          log.warn("Could not remove old word vectors {}: {}", f, e.getMessage());
        }
      });
    } catch (IOException e) {
      log.warn("Could not list {}: {}", directory, e.getMessage());
    }
  }

  /** Trains a new version on the graph's text now, saves it, records it and makes it the loaded one. */
  public synchronized Optional<Info> train() {
    long started = System.nanoTime();
    List<String> sentences = corpus();
    if (sentences.isEmpty()) {
      log.info("No text in the graph yet: word vectors not trained");
      return Optional.empty();
    }
    Word2Vec vectors = fit(sentences, properties);
    int version = client.query("MATCH (m:Model {kind: 'WORD2VEC'}) RETURN coalesce(max(m.version), 0) + 1").fetchAs(Integer.class).one().orElse(1);
    String name = "word2vec-v" + version + ".zip";
    try {
      Files.createDirectories(directory);
      WordVectorSerializer.writeWord2VecModel(vectors, directory.resolve(name).toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot save word vectors under " + directory, e);
    }
    OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    double seconds = (System.nanoTime() - started) / 1e9;
    long words = sentences.stream().mapToLong(s -> s.split("\\s+").length).sum();
    Map<String, Object> p = new HashMap<>();
    p.put("id", Ids.of(NodeKind.MODEL, "word2vec", Integer.toString(version)));
    p.put("version", version);
    p.put("file", name);
    p.put("trainedAt", now.toZonedDateTime());
    p.put("sentences", (long) sentences.size());
    p.put("words", words);
    p.put("vocabulary", vectors.vocab().numWords());
    p.put("seed", properties.seed());
    p.put("layerSize", properties.layerSize());
    p.put("seconds", seconds);
    p.put("corpusHash", Ids.sha256(String.join("\n", sentences)));
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(directory.resolve(name));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the word vectors just saved under " + directory, e);
    }
    p.put("sha256", Ids.sha256(bytes));
    List<byte[]> parts = new ArrayList<>();
    for (int i = 0; i < bytes.length; i += PART_BYTES) {
      parts.add(java.util.Arrays.copyOfRange(bytes, i, Math.min(bytes.length, i + PART_BYTES)));
    }
    p.put("parts", parts);
    // The version and its bytes in one transaction: another instance sees the version only with everything it needs
    // to load it. Older versions' bytes go (an erasure retrains without a person's text; nothing keeps the old one).
    client.query("""
        CREATE (m:Model {id: $id, kind: 'WORD2VEC', version: $version, file: $file, trainedAt: $trainedAt, sentences: $sentences,
                         words: $words, vocabulary: $vocabulary, seed: $seed, layerSize: $layerSize, seconds: $seconds, corpusHash: $corpusHash,
                         sha256: $sha256, bytes: $size})
        WITH m
        UNWIND range(0, size($parts) - 1) AS i
        CREATE (m)-[:PART]->(:ModelPart {index: i, bytes: $parts[i]})
        WITH DISTINCT m
        CALL (m) {
          MATCH (old:Model {kind: 'WORD2VEC'})-[:PART]->(x:ModelPart) WHERE old.version < m.version
          DETACH DELETE x
        }""")
        .bindAll(withSize(p, bytes.length)).run();
    forgetOtherFiles(directory.resolve(name));
    Info info = new Info(version, now, vectors.vocab().numWords(), sentences.size(), "trained");
    current.set(new Loaded(vectors, info));
    events.publishEvent(new WordVectorsChanged(info));
    log.info("Word vectors v{} trained on {} sentences ({} words, {} in vocabulary) in {} s ({} words/s)",
        version, sentences.size(), words, info.vocabulary(), String.format("%.1f", seconds), Math.round(words * properties.epochs() / seconds));
    return Optional.of(info);
  }

  private static Map<String, Object> withSize(Map<String, Object> p, int size) {
    p.put("size", size);
    return p;
  }

  /** A text as training sentences: identifiers (and the given known ones) replaced by placeholders, then split. */
  public static List<String> sentences(String text, String phoneRegion, java.util.Set<String> known) {
    List<String> out = new ArrayList<>();
    for (String s : SENTENCE_END.split(Placeholders.scrub(text, phoneRegion, known))) {
      if (!s.isBlank()) {
        out.add(s.strip());
      }
    }
    return out;
  }

  /** Word2Vec fitted on the sentences with the configured size, window, frequency floor, epochs and seed (one worker). */
  public static Word2Vec fit(List<String> sentences, LanguageProperties properties) {
    DefaultTokenizerFactory tokenizer = new DefaultTokenizerFactory();
    tokenizer.setTokenPreProcessor(new CommonPreprocessor());
    Word2Vec vectors =
        new Word2Vec.Builder()
            .seed(properties.seed())
            // One worker: DL4J's parallel training interleaves updates in a non-deterministic order.
            .workers(1)
            // And one tokenising thread: in parallel, words of equal frequency get their vocabulary index in whatever
            // order the threads finish, so each run starts them from other random vectors (found in session 6: two
            // JVMs, same corpus and seed, different vectors).
            .allowParallelTokenization(false)
            .layerSize(properties.layerSize())
            .windowSize(properties.windowSize())
            .minWordFrequency(properties.minWordFrequency())
            .epochs(properties.epochs())
            .iterations(1)
            .iterate(new CollectionSentenceIterator(sentences))
            .tokenizerFactory(tokenizer)
            .build();
    vectors.fit();
    return vectors;
  }

  /** Scrubbed sentences of every email's new text, call transcript and ticket, in id order (so, reproducible). */
  List<String> corpus() {
    List<String> sentences = new ArrayList<>();
    java.util.Set<String> known = new java.util.HashSet<>();
    client.query("MATCH (c:Contact) UNWIND coalesce(c.emails, []) + [c.email] AS e WITH DISTINCT e WHERE e IS NOT NULL RETURN e")
        .fetchAs(String.class).all()
        .forEach(e -> Placeholders.identifierOf(e).ifPresent(known::add));
    for (String query : List.of(
        "MATCH (n:Email) WHERE n.id > $after AND n.body IS NOT NULL RETURN n.id AS id, n.subject + '\\n' + n.body AS text ORDER BY n.id LIMIT $page",
        "MATCH (n:Call) WHERE n.id > $after AND n.transcript IS NOT NULL RETURN n.id AS id, n.transcript AS text ORDER BY n.id LIMIT $page",
        "MATCH (n:Ticket) WHERE n.id > $after RETURN n.id AS id, coalesce(n.subject, '') + '\\n' + coalesce(n.description, '') + '\\n' + reduce(s = '', c IN coalesce(n.comments, []) | s + c + '\\n') AS text ORDER BY n.id LIMIT $page")) {
      String after = "";
      while (true) {
        List<Map<String, Object>> rows = List.copyOf(client.query(query).bindAll(Map.of("after", after, "page", PAGE)).fetch().all());
        for (Map<String, Object> row : rows) {
          sentences.addAll(sentences((String) row.get("text"), properties.phoneRegion(), known));
        }
        if (rows.size() < PAGE) {
          break;
        }
        after = (String) rows.get(rows.size() - 1).get("id");
      }
    }
    return sentences;
  }
}
