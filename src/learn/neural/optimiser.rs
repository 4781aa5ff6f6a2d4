//! Stochastic gradient descent with momentum, and Adam.
