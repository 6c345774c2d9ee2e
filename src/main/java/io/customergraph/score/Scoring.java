package io.customergraph.score;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/** Models of the score kinds: the active one, every version, and training a new one. */
@Service
public class Scoring {

  /** What training did: whether a version was published, why, the active model after it, and the version trained. */
  public record Trained(boolean published, String message, Model active, @Nullable Model trained) {}

  private final Trainer trainer;
  private final Models models;
  private final Scorer scorer;

  Scoring(Trainer trainer, Models models, Scorer scorer) {
    this.trainer = trainer;
    this.models = models;
    this.scorer = scorer;
  }

  /** The active model: the latest published version, or the prior weights. */
  public Model activeModel(ScoreKind kind) {
    return models.active(kind);
  }

  /** Every trained version, newest first. */
  public List<Model> modelVersions(ScoreKind kind) {
    return models.versions(kind);
  }

  /**
   * Trains a version from the graph's outcomes; if it is published, every stored score's probability is recomputed
   * with it from its stored features (no graph reads), so rankings follow the new model at once.
   */
  public synchronized Trained train(ScoreKind kind) {
    Trainer.Result r = trainer.train(kind);
    Model trained = r.model().prior() ? null : models.versions(kind).stream().findFirst().orElse(null);
    if (r.published()) {
      scorer.reapply(kind);
    }
    return new Trained(r.published(), r.message(), models.active(kind), trained);
  }
}
