package io.customergraph.language;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Whether a text reads as negative, learnt (issue #21): a logistic model over what the lexicon scorers find — the
 * service's scorer and plain VADER (compound scores, the weight of positive and of negative words, their cut-offs),
 * a contrast ("but"), an exclamation, a question, the length — trained with Deeplearning4j (one sigmoid output
 * layer, cross-entropy, Adam, seed 42, full batch) on labelled sentences. The lexicon rules stay the explanation:
 * the model only learns how much each of their readings counts and where the line between negative and not lies
 * (VADER's fixed cut-off of -0.05 called 156 of Yelp's 500 negative sentences positive).
 *
 * <p>The standard model is trained once per JVM on the UCI Yelp sentences bundled in
 * {@code language/yelp_labelled.txt}; {@code evaluate-language} reports it on other domains (Amazon, IMDb) it never
 * saw. Training is deterministic: the same sentences give the same weights in every JVM ({@code SentimentModelTest}).
 * Scoring is plain arithmetic over the learnt weights, no ND4J call per text.
 */
public final class SentimentModel {

  /** Stored with what the model decides (frustration tags), so a change of model recomputes them. */
  public static final String VERSION = "sentiment-lr-1";

  /** Names of the inputs, in order (explanations and the evaluation print them with their weights). */
  public static final List<String> FEATURES = List.of("compound (service scorer)", "compound (plain VADER)", "positive words (log)", "negative words (log)",
      "negative by the service scorer's cut-off", "negative by VADER's cut-off", "a contrast (but)", "an exclamation", "a question", "length (log words)");

  private static final Pattern BUT = Pattern.compile("\\bbut\\b", Pattern.CASE_INSENSITIVE);
  private static final int EPOCHS = 400;

  private final Sentiment scorer;
  private final Sentiment vader;
  private final double[] weights;
  private final double bias;
  private final int trainedOn;

  private SentimentModel(Sentiment scorer, Sentiment vader, double[] weights, double bias, int trainedOn) {
    this.scorer = scorer;
    this.vader = vader;
    this.weights = weights;
    this.bias = bias;
    this.trainedOn = trainedOn;
  }

  private static final class Standard {
    static final SentimentModel MODEL = train(bundled());
  }

  /** The model trained on the bundled Yelp sentences (once per JVM, on first use: about two seconds). */
  public static SentimentModel standard() {
    return Standard.MODEL;
  }

  /** The bundled training sentences as {@code sentence<TAB>0|1} lines, stripped (how the evaluation normalises a file's lines). */
  public static List<String> bundledSentences() {
    return bundled().stream().map(l -> {
      int tab = l.lastIndexOf('\t');
      return tab < 0 ? l.strip() : l.substring(0, tab).strip() + "\t" + l.substring(tab + 1).strip();
    }).toList();
  }

  /** The bundled training sentences, {@code sentence<TAB>0|1} (0 negative). */
  static List<String> bundled() {
    try (InputStream in = SentimentModel.class.getClassLoader().getResourceAsStream("language/yelp_labelled.txt")) {
      if (in == null) {
        throw new IllegalStateException("language/yelp_labelled.txt is missing from the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Trains a model on labelled lines ({@code sentence<TAB>0|1}, 0 = negative).
   *
   * @throws IllegalArgumentException when a line has no 0/1 label, or one class is missing
   */
  public static SentimentModel train(List<String> lines) {
    Sentiment scorer = Sentiment.standard(), vader = Sentiment.vader();
    double[][] x = new double[lines.size()][];
    double[][] y = new double[lines.size()][1];
    int negatives = 0;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      int tab = line.lastIndexOf('\t');
      String label = tab < 0 ? "" : line.substring(tab + 1).strip();
      if (!label.equals("0") && !label.equals("1")) {
        throw new IllegalArgumentException("training line " + (i + 1) + " has no tab-separated label 0 or 1");
      }
      x[i] = features(scorer, vader, line.substring(0, tab));
      y[i][0] = label.equals("0") ? 1 : 0;
      negatives += label.equals("0") ? 1 : 0;
    }
    if (negatives == 0 || negatives == lines.size()) {
      throw new IllegalArgumentException("training needs negative and positive sentences; got " + negatives + " negative of " + lines.size());
    }
    MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(42).updater(new Adam(0.05)).l2(1e-4).weightInit(WeightInit.XAVIER)
        .list().layer(new OutputLayer.Builder(LossFunctions.LossFunction.XENT).nIn(FEATURES.size()).nOut(1).activation(Activation.SIGMOID).build())
        .build();
    MultiLayerNetwork net = new MultiLayerNetwork(conf);
    net.init();
    DataSet data = new DataSet(Nd4j.create(x), Nd4j.create(y));
    for (int e = 0; e < EPOCHS; e++) {
      net.fit(data);
    }
    double[] w = net.getLayer(0).getParam("W").toDoubleVector();
    double b = net.getLayer(0).getParam("b").getDouble(0);
    return new SentimentModel(scorer, vader, w, b, lines.size());
  }

  static double[] features(Sentiment scorer, Sentiment vader, String text) {
    Sentiment.Score s = scorer.score(text), v = vader.score(text);
    double positive = 0, negative = 0;
    for (Sentiment.Evidence e : s.evidence()) {
      if (e.valence() > 0) {
        positive += e.valence();
      } else {
        negative -= e.valence();
      }
    }
    int words = text.isBlank() ? 0 : text.strip().split("\\s+").length;
    return new double[] {s.compound(), v.compound(), Math.log1p(positive), Math.log1p(negative), s.negative() ? 1 : 0, v.negative() ? 1 : 0,
        BUT.matcher(text).find() ? 1 : 0, text.indexOf('!') >= 0 ? 1 : 0, text.indexOf('?') >= 0 ? 1 : 0, Math.log1p(words) / 3};
  }

  /** The probability that the text reads as negative. */
  public double negative(String text) {
    double[] f = features(scorer, vader, text);
    double z = bias;
    for (int k = 0; k < f.length; k++) {
      z += weights[k] * f[k];
    }
    return 1 / (1 + Math.exp(-z));
  }

  /** The learnt weights, one per {@link #FEATURES} entry, then the bias, for explanations and the evaluation. */
  public List<String> describe() {
    List<String> out = new ArrayList<>();
    for (int k = 0; k < weights.length; k++) {
      out.add(String.format(Locale.ROOT, "%-42s %+.3f", FEATURES.get(k), weights[k]));
    }
    out.add(String.format(Locale.ROOT, "%-42s %+.3f", "bias", bias));
    return out;
  }

  /** How many labelled sentences it was trained on. */
  public int trainedOn() {
    return trainedOn;
  }
}
