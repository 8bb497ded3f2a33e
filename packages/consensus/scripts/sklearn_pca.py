"""Reference PCA for the cross-check: scikit-learn on the mean-imputed vote matrix.

Usage: /usr/bin/python3 sklearn_pca.py <matrix.f64> <rows> <cols>
The file holds the dense row-major float64 matrix with missing votes already replaced by the
statement mean (and moderated-out statements set to 0), exactly the matrix Pol.is feeds its PCA.
Prints {"components": [[...], [...]], "explained_variance": [...], "sklearn": version} as JSON.
Fails (non-zero exit) when numpy or scikit-learn is missing: the check must not pass silently.
"""
import json
import sys

import numpy as np
import sklearn
from sklearn.decomposition import PCA


def main() -> None:
    path, rows, cols = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    x = np.fromfile(path, dtype=np.float64).reshape(rows, cols)
    pca = PCA(n_components=2, svd_solver="full").fit(x)
    json.dump(
        {
            "components": pca.components_.tolist(),
            "explained_variance": pca.explained_variance_.tolist(),
            "sklearn": sklearn.__version__,
        },
        sys.stdout,
    )


if __name__ == "__main__":
    main()
