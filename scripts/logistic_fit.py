"""Multinomial L2 logistic regression in numpy, for when scikit-learn is not installed.

It minimises the objective of scikit-learn's ``LogisticRegression(C=c, class_weight="balanced")``
(multinomial, intercept not penalised): ``0.5 * |W|^2 + c * sum_i w_i * log_loss_i`` with
``w_i = n / (k * n_class(i))``. The objective is strictly convex in ``W``, so any solver that
converges finds the same weights as scikit-learn's L-BFGS (to the tolerance); this one is
gradient descent with Nesterov momentum, a backtracking step and restarts.
"""
from __future__ import annotations

import numpy as np


def _objective(w: np.ndarray, b: np.ndarray, x: np.ndarray, onehot: np.ndarray, sw: np.ndarray, c: float):
    z = x @ w + b
    z -= z.max(axis=1, keepdims=True)
    logp = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
    loss = 0.5 * float((w * w).sum()) - c * float((sw[:, None] * onehot * logp).sum())
    resid = c * sw[:, None] * (np.exp(logp) - onehot)  # d loss / d z
    return loss, w + x.T @ resid, resid.sum(axis=0)


def fit_multinomial(x: np.ndarray, y: list[str], c: float, iters: int = 20000, tol: float = 1e-6):
    """(classes sorted, coef (k, d), intercept (k,)) as scikit-learn's ``classes_``, ``coef_``, ``intercept_``."""
    classes = sorted(set(y))
    idx = np.array([classes.index(v) for v in y])
    onehot = np.eye(len(classes))[idx]
    counts = onehot.sum(axis=0)
    sw = (len(y) / (len(classes) * counts))[idx]
    w = np.zeros((x.shape[1], len(classes)))
    b = np.zeros(len(classes))
    vw, vb, step, t = w.copy(), b.copy(), 1.0, 1.0
    loss, gw, gb = _objective(vw, vb, x, onehot, sw, c)
    for _ in range(iters):
        while True:  # backtracking: a step the local quadratic bound accepts
            nw, nb = vw - step * gw, vb - step * gb
            new, _, _ = _objective(nw, nb, x, onehot, sw, c)
            if new <= loss - 0.5 * step * (float((gw * gw).sum()) + float((gb * gb).sum())):
                break
            step *= 0.5
        t_next = (1 + (1 + 4 * t * t) ** 0.5) / 2
        momentum = (t - 1) / t_next
        restart = new > _objective(w, b, x, onehot, sw, c)[0]
        vw, vb = (nw, nb) if restart else (nw + momentum * (nw - w), nb + momentum * (nb - b))
        t = 1.0 if restart else t_next
        w, b = nw, nb
        loss, gw, gb = _objective(vw, vb, x, onehot, sw, c)
        step *= 1.5
        grad = np.sqrt(float((gw * gw).sum()) + float((gb * gb).sum()))
        if grad < tol * max(1.0, abs(loss)):
            break
    return classes, w.T, b
