package io.customergraph.score;

/**
 * L2-regularised logistic regression fitted by Newton's method (iteratively reweighted least squares): exact,
 * deterministic (no sampling, no learning rate) and fast for the few dozen features a score has. The intercept is
 * not penalised.
 */
final class LogisticRegression {

  private LogisticRegression() {}

  /**
   * Fits weights to standardised inputs.
   *
   * @param x rows of inputs (already standardised)
   * @param y labels 0 or 1
   * @param lambda L2 penalty on the weights (not the intercept)
   * @return intercept at index 0, then one weight per column
   */
  static double[] fit(double[][] x, double[] y, double lambda) {
    int n = x.length;
    int k = n == 0 ? 0 : x[0].length;
    double[] beta = new double[k + 1];
    for (int iteration = 0; iteration < 50; iteration++) {
      double[] gradient = new double[k + 1];
      double[][] hessian = new double[k + 1][k + 1];
      for (int i = 0; i < n; i++) {
        double p = sigmoid(linear(beta, x[i]));
        double w = Math.max(p * (1 - p), 1e-9);
        double err = y[i] - p;
        gradient[0] += err;
        hessian[0][0] += w;
        for (int a = 0; a < k; a++) {
          gradient[a + 1] += err * x[i][a];
          hessian[0][a + 1] += w * x[i][a];
          for (int b = a; b < k; b++) {
            hessian[a + 1][b + 1] += w * x[i][a] * x[i][b];
          }
        }
      }
      for (int a = 1; a <= k; a++) {
        gradient[a] -= lambda * beta[a];
        hessian[a][a] += lambda;
        for (int b = 0; b < a; b++) {
          hessian[a][b] = hessian[b][a];
        }
      }
      double[] step = solve(hessian, gradient);
      double largest = 0;
      for (int a = 0; a <= k; a++) {
        beta[a] += step[a];
        largest = Math.max(largest, Math.abs(step[a]));
      }
      if (largest < 1e-8) {
        break;
      }
    }
    return beta;
  }

  static double linear(double[] beta, double[] row) {
    double z = beta[0];
    for (int a = 0; a < row.length; a++) {
      z += beta[a + 1] * row[a];
    }
    return z;
  }

  static double sigmoid(double z) {
    return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
  }

  static double logit(double p) {
    double q = Math.min(Math.max(p, 1e-12), 1 - 1e-12);
    return Math.log(q / (1 - q));
  }

  /** Solves a symmetric positive definite system by Gaussian elimination with partial pivoting. */
  private static double[] solve(double[][] a, double[] b) {
    int n = b.length;
    double[][] m = new double[n][n + 1];
    for (int i = 0; i < n; i++) {
      System.arraycopy(a[i], 0, m[i], 0, n);
      m[i][n] = b[i];
    }
    for (int c = 0; c < n; c++) {
      int pivot = c;
      for (int r = c + 1; r < n; r++) {
        if (Math.abs(m[r][c]) > Math.abs(m[pivot][c])) {
          pivot = r;
        }
      }
      double[] t = m[c];
      m[c] = m[pivot];
      m[pivot] = t;
      if (Math.abs(m[c][c]) < 1e-12) {
        m[c][c] = 1e-12;
      }
      for (int r = c + 1; r < n; r++) {
        double f = m[r][c] / m[c][c];
        for (int j = c; j <= n; j++) {
          m[r][j] -= f * m[c][j];
        }
      }
    }
    double[] x = new double[n];
    for (int i = n - 1; i >= 0; i--) {
      double s = m[i][n];
      for (int j = i + 1; j < n; j++) {
        s -= m[i][j] * x[j];
      }
      x[i] = s / m[i][i];
    }
    return x;
  }
}
