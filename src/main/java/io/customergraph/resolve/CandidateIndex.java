package io.customergraph.resolve;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.Set;
import org.apache.lucene.analysis.core.KeywordAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.util.BytesRef;
import org.jspecify.annotations.Nullable;

/**
 * The in-process Lucene index that proposes candidates: exact terms for identifiers (email, its local part, phone,
 * date of birth, national id, postcode, domain, VAT), fuzzy terms for names (edit distance scaled to the word's
 * length), nickname forms of given names, crosswise name terms for swapped names, and word-vector nearest neighbours
 * for company names. Derived state: built from the records it is given, updated per record, never the truth.
 * Thread-safe: searches run concurrently; writes are made visible by {@link #refresh()}.
 */
public final class CandidateIndex implements TermFrequencies, AutoCloseable {

  private static final String ID = "id";
  private static final String ORD = "ord";
  private static final String VALUES = "values";
  private static final String VECTOR = "vector";
  private static final String VECTOR_BYTES = "vector_bytes";
  private static final String NICK = "nickname";
  private static final String EMAIL_LOCAL = "email_local";
  /** An address's short form at its organisation: "harry.arora@ect.enron.com" and "harora@enron.com" share "harora@enron.com". */
  private static final String EMAIL_SHORT = "email_short";
  private static final String PHONE7 = "phone7";
  /** Suffix of the fields holding a name and every form of it with one letter deleted. */
  private static final String DELETIONS = "_d1";
  private static final String OTHER_EMAILS = "other_emails";
  private static final String SEP = "\u001f";
  private static final Field[] FIELDS = Field.values();
  /** Fields indexed word by word as well as whole, so one different word does not hide a candidate. */
  private static final Set<Field> TOKENISED = Set.of(Field.COMPANY, Field.ADDRESS);
  /**
   * Best score first, equal scores by id. Lucene breaks ties by document number, which depends on how segments
   * happened to merge (background merges, deletions), so without this the same records could get other candidates.
   */
  private static final Sort BEST_THEN_ID = new Sort(SortField.FIELD_SCORE, new SortField(ID, SortField.Type.STRING));
  /** Terms a fuzzy clause expands to at most: the closest twenty spellings are plenty for one name. */
  private static final int MAX_EXPANSIONS = 20;

  /** How many of a company name's words (the longest) are searched within a typo or two. */
  private static final int FUZZY_COMPANY_WORDS = 3;

  private final Directory directory;
  private final IndexWriter writer;
  private final SearcherManager searchers;
  /**
   * Value counts of the fields compared with term frequencies, and the values each record contributed. Lucene's
   * docFreq would be simpler but counts deleted documents until segments merge, so the same records would get
   * frequencies that depend on the index's history (an import interrupted and resumed would score differently).
   */
  private final Map<Field, Map<String, Integer>> counts = new EnumMap<>(Field.class);
  private final Map<String, String[]> counted = new HashMap<>();

  /**
   * Whether documents are numbered in id order (a batch index: records added in id order, segments never merged), so
   * Lucene's own tie-break by document number is a tie-break by id.
   */
  private final boolean numberedById;

  /** An index held in memory. */
  public CandidateIndex() {
    this(new ByteBuffersDirectory());
  }

  /** An index in the given directory (memory-mapped files keep a large index off the heap). */
  public CandidateIndex(Directory directory) {
    this(directory, false);
  }

  /**
   * A batch's index (memory-mapped files in a scratch directory, removed on close): its records must be added in the
   * order of {@link #idOrder}, from one thread, and never replaced or deleted. Documents are then numbered in id order — one thread adds them, and segments are never merged, so no merge
   * renumbers them — and candidate search can let Lucene break ties by document number, which lets it skip documents
   * that cannot reach the top (scores only, no sort by id: every matching document was scored before).
   */
  public static CandidateIndex forBatch() {
    // Files in a scratch directory, memory-mapped: candidate search seeks each query's ~30 terms in the terms
    // dictionary, and reading it through ByteBuffersDirectory's buffers was a third of the search (JFR, session 20).
    try {
      java.nio.file.Path scratch = java.nio.file.Files.createTempDirectory("customer-graph-batch-index");
      CandidateIndex index = new CandidateIndex(new org.apache.lucene.store.MMapDirectory(scratch), true);
      index.scratch = scratch;
      return index;
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }

  /** The scratch directory of a batch's index, removed when it closes. */
  private java.nio.file.@Nullable Path scratch;

  /** The order in which a batch's records are added to {@link #forBatch()}: by id, as Lucene orders the id field. */
  public static int[] idOrder(List<Entry> entries) {
    BytesRef[] ids = new BytesRef[entries.size()];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = new BytesRef(entries.get(i).id());
    }
    return java.util.stream.IntStream.range(0, ids.length).boxed().sorted((a, b) -> ids[a].compareTo(ids[b])).mapToInt(Integer::intValue).toArray();
  }

  private CandidateIndex(Directory directory, boolean numberedById) {
    this.directory = directory;
    this.numberedById = numberedById;
    try {
      IndexWriterConfig config = new IndexWriterConfig(new KeywordAnalyzer());
      config.setOpenMode(IndexWriterConfig.OpenMode.CREATE);
      config.setRAMBufferSizeMB(64);
      config.setCommitOnClose(false);
      if (numberedById) {
        config.setMergePolicy(org.apache.lucene.index.NoMergePolicy.INSTANCE);
        config.setRAMBufferSizeMB(256);
      }
      this.writer = new IndexWriter(directory, config);
      this.searchers = new SearcherManager(writer, null);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Adds or replaces the record with this id; visible to searches after {@link #refresh()}. */
  public void put(Entry e) {
    put(e, -1);
  }

  /**
   * Adds a record with an ordinal (its position in a batch), returned by {@link #candidateOrdinals}. A batch's index
   * ({@link #forBatch}) adds without replacing: a batch's ids are unique (the caller checks), and replacing by id made
   * every add a delete to apply at the refresh; any other index replaces the record with that id.
   */
  public void put(Entry e, long ordinal) {
    Document d = new Document();
    d.add(new StringField(ID, e.id(), org.apache.lucene.document.Field.Store.YES));
    d.add(new SortedDocValuesField(ID, new BytesRef(e.id())));
    d.add(new StoredField(VALUES, String.join(SEP, e.values())));
    d.add(new NumericDocValuesField(ORD, ordinal));
    for (Field f : FIELDS) {
      String v = e.get(f);
      if (v.isEmpty()) {
        continue;
      }
      d.add(new StringField(f.key(), v, org.apache.lucene.document.Field.Store.NO));
      if (TOKENISED.contains(f)) {
        for (String t : v.split(" ")) {
          d.add(new StringField(f.key() + "_t", t, org.apache.lucene.document.Field.Store.NO));
        }
      }
    }
    for (Field f : List.of(Field.GIVEN_NAME, Field.SURNAME)) {
      for (String v : deletions(e.get(f))) {
        d.add(new StringField(f.key() + DELETIONS, v, org.apache.lucene.document.Field.Store.NO));
      }
    }
    if (e.has(Field.GIVEN_NAME)) {
      for (String c : Names.canonical(e.get(Field.GIVEN_NAME))) {
        d.add(new StringField(NICK, c, org.apache.lucene.document.Field.Store.NO));
      }
    }
    if (e.has(Field.EMAIL)) {
      d.add(new StringField(EMAIL_LOCAL, Entry.localOf(e.get(Field.EMAIL)), org.apache.lucene.document.Field.Store.NO));
      d.add(new StringField(EMAIL_SHORT, shortForm(e.get(Field.EMAIL)), org.apache.lucene.document.Field.Store.NO));
    }
    for (String other : e.otherEmails()) {
      // An entity is found by every address it holds (a merged-in one included), not only its main one.
      d.add(new StringField(Field.EMAIL.key(), other, org.apache.lucene.document.Field.Store.NO));
      d.add(new StringField(EMAIL_LOCAL, Entry.localOf(other), org.apache.lucene.document.Field.Store.NO));
      d.add(new StringField(EMAIL_SHORT, shortForm(other), org.apache.lucene.document.Field.Store.NO));
      d.add(new StoredField(OTHER_EMAILS, other));
    }
    String phone = e.get(Field.PHONE);
    if (phone.length() >= 7) {
      d.add(new StringField(PHONE7, phone.substring(phone.length() - 7), org.apache.lucene.document.Field.Store.NO));
    }
    float[] vector = e.vector();
    if (vector != null) {
      d.add(new KnnFloatVectorField(VECTOR, vector, VectorSimilarityFunction.COSINE));
      ByteBuffer bytes = ByteBuffer.allocate(vector.length * 4);
      bytes.asFloatBuffer().put(vector);
      d.add(new StoredField(VECTOR_BYTES, bytes.array()));
    }
    count(e.id(), e);
    try {
      if (numberedById) {
        writer.addDocument(d);
      } else {
        writer.updateDocument(new Term(ID, e.id()), d);
      }
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }

  /** Removes a record (after a merge or an erasure). */
  public void delete(String id) {
    count(id, null);
    try {
      writer.deleteDocuments(new Term(ID, id));
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }

  /** Removes everything. */
  public void clear() {
    synchronized (counts) {
      counts.clear();
      counted.clear();
    }
    try {
      writer.deleteAll();
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }

  /** Makes writes visible to searches. */
  public void refresh() {
    try {
      searchers.maybeRefreshBlocking();
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }

  /**
   * The query that finds candidates for a record. For a person (a name or an address to go by), a candidate must
   * share something personal — a name within a typo (or swapped, or a nickname), an address or its local part or short
   * form, a phone, a date of birth, a national id — and place and organisation (company, domain, postcode, town,
   * address) only rank those: the identity rule never merges nor reviews a pair with nothing personal in common, so
   * such candidates were work for nothing. At one company of hundreds of people (real mail) every colleague matched
   * the domain and was scored for every new person (issue #25); a person's company is matched word for word, not
   * fuzzily (building the fuzzy automata was 40 % of candidate search there). An organisation is found by its name,
   * fuzzily, and its identifiers, as before.
   *
   * <p>Only for decisions and search ({@link #candidates}): batch resolution ({@link #candidateOrdinals}) asks with
   * {@code personal} false, every clause optional, because its EM learns from the candidate pairs, and without the
   * place-only pairs (clear non-matches) it learnt a larger share of matches: on the development sets fake_1000's
   * precision fell from 1.000 to 0.990 and held-out thin Febrl2's F1 by 0.001–0.007.
   */
  Query query(Entry e) {
    return query(e, false);
  }

  Query query(Entry e, boolean personal) {
    return query(e, personal, null);
  }

  /** As {@link #query(Entry, boolean)}; with a searcher, fuzzy clauses come expanded against its reader (cached). */
  private Query query(Entry e, boolean personal, @Nullable IndexSearcher searcher) {
    String given = e.get(Field.GIVEN_NAME), surname = e.get(Field.SURNAME);
    boolean person = personal && (!given.isEmpty() || !surname.isEmpty() || e.has(Field.EMAIL));
    BooleanQuery.Builder who = new BooleanQuery.Builder();
    BooleanQuery.Builder where = person ? new BooleanQuery.Builder() : who;
    if (!surname.isEmpty()) {
      who.add(close(Field.SURNAME, surname), Occur.SHOULD);
      who.add(new TermQuery(new Term(Field.GIVEN_NAME.key(), surname)), Occur.SHOULD); // swapped
    }
    if (!given.isEmpty()) {
      who.add(given.length() > 1 ? close(Field.GIVEN_NAME, given) : new TermQuery(new Term(Field.GIVEN_NAME.key(), given)), Occur.SHOULD);
      who.add(new TermQuery(new Term(Field.SURNAME.key(), given)), Occur.SHOULD); // swapped
      for (String c : Names.canonical(given)) {
        if (!c.equals(given)) {
          who.add(new TermQuery(new Term(NICK, c)), Occur.SHOULD);
        }
      }
    }
    // Identifiers count for more than a name: one exact address or number is strong evidence.
    boost(who, Field.EMAIL.key(), e.get(Field.EMAIL), 3);
    if (e.has(Field.EMAIL)) {
      boost(who, EMAIL_LOCAL, Entry.localOf(e.get(Field.EMAIL)), 2);
      boost(who, EMAIL_SHORT, shortForm(e.get(Field.EMAIL)), 1.5f);
    }
    boost(who, Field.PHONE.key(), e.get(Field.PHONE), 3);
    String phone = e.get(Field.PHONE);
    if (phone.length() >= 7) {
      boost(who, PHONE7, phone.substring(phone.length() - 7), 2);
    }
    boost(who, Field.DOB.key(), e.get(Field.DOB), 1);
    boost(who, Field.NATIONAL_ID.key(), e.get(Field.NATIONAL_ID), 3);
    boost(where, Field.POSTCODE.key(), e.get(Field.POSTCODE), 1);
    boost(person ? where : who, Field.DOMAIN.key(), e.get(Field.DOMAIN), 1);
    boost(person ? where : who, Field.VAT.key(), e.get(Field.VAT), 3);
    boost(where, Field.CITY.key(), e.get(Field.CITY), 0.5f);
    if (e.has(Field.ADDRESS)) {
      for (String t : e.get(Field.ADDRESS).split(" ")) {
        boost(where, Field.ADDRESS.key() + "_t", t, 0.5f);
      }
    }
    if (e.has(Field.COMPANY)) {
      // Typos are looked for in the longest few words only: an organisation with its department and address has a dozen
      // words, and a fuzzy query for each made candidate search 9 s for 2,260 affiliation strings (the rest exact).
      String[] words = e.get(Field.COMPANY).split(" ");
      java.util.Set<String> fuzzy = java.util.Arrays.stream(words).distinct()
          .sorted(java.util.Comparator.comparingInt(String::length).reversed().thenComparing(w -> w))
          .limit(FUZZY_COMPANY_WORDS).collect(java.util.stream.Collectors.toSet());
      for (String t : words) {
        where.add(person || !fuzzy.contains(t) ? new TermQuery(new Term(Field.COMPANY.key() + "_t", t)) : fuzzy(Field.COMPANY.key() + "_t", t, searcher), Occur.SHOULD);
      }
    }
    if (!person) {
      return who.build();
    }
    where.add(who.build(), Occur.MUST);
    return where.build();
  }

  /**
   * A name within a typo or two: the name itself, or the best of its {@link #deletions} shared with the field's (a
   * disjunction-max, so a long name's thirty forms count as one term, not thirty: summed, namesakes outranked records
   * agreeing on an email or a date of birth). The same name ranks above a one-typo one, as a fuzzy query ranks them.
   */
  private static Query close(Field field, String text) {
    List<Query> forms = new ArrayList<>();
    for (String v : deletions(text)) {
      forms.add(new TermQuery(new Term(field.key() + DELETIONS, v)));
    }
    BooleanQuery.Builder q = new BooleanQuery.Builder();
    q.add(new TermQuery(new Term(field.key(), text)), Occur.SHOULD);
    q.add(new BoostQuery(new org.apache.lucene.search.DisjunctionMaxQuery(forms, 0), 0.5f), Occur.SHOULD);
    return q.build();
  }

  /**
   * A name and its forms with one letter deleted (names of three letters or more; at most the first 20 letters are
   * read). Two names share one of these forms when they are one edit apart — a letter dropped, added, replaced, or two
   * neighbours swapped — wherever the edit is ("cauthwn"/"cauthen", "vincemt"/"vincent", "etheodore"/"theodore").
   * Tried and left out, measured on the development sets (Febrl dataset1 and fake_1000, thin, 0–40 % corrupted): forms
   * with two letters deleted (thirty-odd terms per long name made candidate search slower than all the rest of
   * resolution), a second pass asking for both names close wherever the record lives (no F1 gained, half the candidate
   * time), a one-digit-changed postcode clause (F1 0.907 against 0.908 at 40 %, slower).
   */
  static java.util.Set<String> deletions(String name) {
    if (name.isEmpty()) {
      return java.util.Set.of();
    }
    String n = name.length() > 20 ? name.substring(0, 20) : name;
    java.util.Set<String> out = new java.util.LinkedHashSet<>();
    out.add(n);
    if (n.length() >= 3) {
      for (int i = 0; i < n.length(); i++) {
        String one = n.substring(0, i) + n.substring(i + 1);
        out.add(one);
      }
    }
    return out;
  }

  /**
   * An address's short form at its organisation: the local part's first letter and last word ("harry.arora",
   * "h..arora" → "harora"; a local part without separators stays as it is), at the organisation's domain
   * ({@link io.customergraph.graph.Organisations}). One person's address forms at one company share it, so they are
   * candidates for each other; whether they are one person is the model's and the identity rule's to say.
   */
  static String shortForm(String email) {
    String local = Entry.localOf(email), domain = Entry.domainOf(email);
    String[] words = local.split("[._\\-]+");
    List<String> kept = new ArrayList<>();
    for (String w : words) {
      if (!w.isEmpty()) {
        kept.add(w);
      }
    }
    String form = kept.size() < 2 ? local : kept.get(0).charAt(0) + kept.get(kept.size() - 1);
    return form + "@" + domain;
  }

  /** A fuzzy term with the edit distance scaled to its length: none up to 3 letters, 1 up to 7, then 2. */
  private Query fuzzy(String field, String text, @Nullable IndexSearcher searcher) {
    int edits = text.length() <= 3 ? 0 : text.length() <= 7 ? 1 : 2;
    if (edits == 0) {
      return new TermQuery(new Term(field, text));
    }
    // A typo in the first letter is rarer than elsewhere; keeping it fixed makes the automaton far cheaper.
    FuzzyQuery q = new FuzzyQuery(new Term(field, text), edits, 1, MAX_EXPANSIONS, true);
    var helper = searcher == null ? null : searcher.getIndexReader().getReaderCacheHelper();
    if (helper == null) {
      return q;
    }
    // Building a word's Levenshtein automaton costs about a millisecond, and organisations' words repeat ("university"
    // in half of 2,260 affiliation strings): each word is expanded once per reader, not once per record.
    Expanded cache = expanded;
    if (cache.reader() != helper.getKey()) {
      cache = new Expanded(helper.getKey(), new java.util.concurrent.ConcurrentHashMap<>());
      expanded = cache;
    }
    return cache.queries().computeIfAbsent(field + '\u0000' + text, k -> {
      try {
        return searcher.rewrite(q);
      } catch (IOException ex) {
        throw new UncheckedIOException(ex);
      }
    });
  }

  /** Fuzzy queries expanded into the terms of one reader (identified by its cache key). */
  private record Expanded(@Nullable Object reader, java.util.Map<String, Query> queries) {}

  private volatile Expanded expanded = new Expanded(null, java.util.Map.of());

  private static void boost(BooleanQuery.Builder q, String field, String value, float boost) {
    if (!value.isEmpty()) {
      q.add(new BoostQuery(new TermQuery(new Term(field, value)), boost), Occur.SHOULD);
    }
  }

  /** Up to {@code cap} candidates for a record (itself excluded), best first, with their stored values. */
  public List<Entry> candidates(Entry e, int cap) {
    return candidates(e, cap, null);
  }

  /** Thrown when a search with a time allowance ran out of it (Lucene stopped scoring). */
  public static final class TimedOut extends RuntimeException {
    TimedOut(java.time.Duration allowed) {
      super("the search ran longer than " + allowed);
    }
  }

  /**
   * As {@link #candidates(Entry, int)}, stopping Lucene's scoring once {@code timeAllowed} has passed (a request's
   * deadline): then {@link TimedOut} rather than a partial, misleading answer.
   */
  public List<Entry> candidates(Entry e, int cap, java.time.@Nullable Duration timeAllowed) {
    return withSearcher(shared -> {
      IndexSearcher s = shared;
      if (timeAllowed != null) {
        // The shared searcher must not carry one request's deadline; a searcher over the same reader is cheap.
        s = new IndexSearcher(shared.getIndexReader());
        s.setSimilarity(shared.getSimilarity());
        s.setTimeout(new org.apache.lucene.index.QueryTimeoutImpl(Math.max(0, timeAllowed.toMillis())));
      }
      List<Entry> out = new ArrayList<>();
      List<ScoreDoc> hits = hits(s, e, cap, true);
      if (s.timedOut()) {
        throw new TimedOut(timeAllowed);
      }
      StoredFields stored = s.storedFields();
      for (ScoreDoc sd : hits) {
        Document d = stored.document(sd.doc);
        String id = d.get(ID);
        if (!id.equals(e.id()) && out.size() < cap) {
          out.add(decode(id, d));
        }
      }
      return out;
    });
  }

  /** How many records are indexed (and visible to searches). */
  public int size() {
    return withSearcher(s -> s.getIndexReader().numDocs());
  }

  /** Ids of every record indexed, in index order (for consistency checks). */
  public List<String> ids() {
    return withSearcher(s -> {
      List<String> out = new ArrayList<>();
      IndexReader r = s.getIndexReader();
      StoredFields stored = r.storedFields();
      for (LeafReaderContext leaf : r.leaves()) {
        var live = leaf.reader().getLiveDocs();
        for (int d = 0; d < leaf.reader().maxDoc(); d++) {
          if (live == null || live.get(d)) {
            out.add(stored.document(leaf.docBase + d, Set.of(ID)).get(ID));
          }
        }
      }
      return out;
    });
  }

  /**
   * The best {@code cap + 1} documents of the record's query (it may find itself), then its vector's nearest
   * neighbours not among them: names used in the same contexts ("Acme" and its product brand), people who write alike.
   */
  private List<ScoreDoc> hits(IndexSearcher s, Entry e, int cap, boolean personal) throws IOException {
    Query q = query(e, personal, s);
    List<ScoreDoc> hits = new ArrayList<>(List.of(numberedById ? s.search(q, cap + 1).scoreDocs : s.search(q, cap + 1, BEST_THEN_ID).scoreDocs));
    float[] vector = e.vector();
    if (vector != null && hasVectors(s.getIndexReader(), vector.length)) {
      for (ScoreDoc sd : s.search(new KnnFloatVectorQuery(VECTOR, vector, Math.max(1, cap / 2)), cap / 2 + 1).scoreDocs) {
        if (hits.stream().noneMatch(h -> h.doc == sd.doc)) {
          hits.add(sd);
        }
      }
    }
    return hits;
  }

  /** Batch mode: ordinals of up to {@code cap} candidates for a record, excluding {@code self}. */
  public long[] candidateOrdinals(Entry e, int cap, long self) {
    return withSearcher(s -> {
      List<ScoreDoc> hits = hits(s, e, cap, false);
      long[] out = new long[Math.min(cap, hits.size())];
      int n = 0;
      List<LeafReaderContext> leaves = s.getIndexReader().leaves();
      for (ScoreDoc sd : hits) {
        LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(sd.doc, leaves));
        NumericDocValues ords = leaf.reader().getNumericDocValues(ORD);
        if (ords != null && ords.advanceExact(sd.doc - leaf.docBase) && ords.longValue() != self && n < out.length) {
          out[n++] = ords.longValue();
        }
      }
      return n == out.length ? out : java.util.Arrays.copyOf(out, n);
    });
  }

  @Override
  public double frequency(Field field, String value) {
    synchronized (counts) {
      int n = counts.getOrDefault(field, Map.of()).getOrDefault(value, 0);
      return Math.max(1, n) / (double) Math.max(1, counted.size());
    }
  }

  /** Replaces what record {@code id} contributes to the value counts with {@code e}'s values (none when null). */
  private void count(String id, @Nullable Entry e) {
    synchronized (counts) {
      String[] before = e == null ? counted.remove(id) : counted.put(id, tfValues(e));
      if (before != null) {
        for (int i = 0; i < before.length; i++) {
          if (before[i] != null) {
            counts.get(Comparison.TERM_FREQUENCY_FIELDS.get(i)).merge(before[i], -1, (x, y) -> x + y == 0 ? null : x + y);
          }
        }
      }
      if (e != null) {
        for (Field f : Comparison.TERM_FREQUENCY_FIELDS) {
          if (e.has(f)) {
            counts.computeIfAbsent(f, x -> new HashMap<>()).merge(e.get(f), 1, Integer::sum);
          }
        }
      }
    }
  }

  private static String[] tfValues(Entry e) {
    String[] out = new String[Comparison.TERM_FREQUENCY_FIELDS.size()];
    for (int i = 0; i < out.length; i++) {
      Field f = Comparison.TERM_FREQUENCY_FIELDS.get(i);
      out[i] = e.has(f) ? e.get(f) : null;
    }
    return out;
  }

  private static boolean hasVectors(IndexReader r, int dimension) {
    for (LeafReaderContext leaf : r.leaves()) {
      var info = leaf.reader().getFieldInfos().fieldInfo(VECTOR);
      if (info != null && info.getVectorDimension() == dimension) {
        return true;
      }
    }
    return false;
  }

  private static Entry decode(String id, Document d) {
    String[] values = d.get(VALUES).split(SEP, -1);
    if (values.length != FIELDS.length) {
      values = java.util.Arrays.copyOf(values, FIELDS.length);
      for (int i = 0; i < values.length; i++) {
        values[i] = values[i] == null ? "" : values[i];
      }
    }
    var bytes = d.getBinaryValue(VECTOR_BYTES);
    float[] vector = null;
    if (bytes != null) {
      vector = new float[bytes.length / 4];
      ByteBuffer.wrap(bytes.bytes, bytes.offset, bytes.length).asFloatBuffer().get(vector);
    }
    return Entry.ofClean(id, values, vector, List.of(d.getValues(OTHER_EMAILS)));
  }

  private interface SearchFunction<T> {
    T apply(IndexSearcher s) throws IOException;
  }

  private <T> T withSearcher(SearchFunction<T> f) {
    try {
      IndexSearcher s = searchers.acquire();
      try {
        return f.apply(s);
      } finally {
        searchers.release(s);
      }
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }

  @Override
  public void close() {
    try {
      searchers.close();
      writer.rollback();
      directory.close();
      if (scratch != null) {
        try (var files = java.nio.file.Files.walk(scratch)) {
          for (java.nio.file.Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
            java.nio.file.Files.deleteIfExists(f);
          }
        }
      }
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }
}
