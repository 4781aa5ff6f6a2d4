//! Models learnt by gradient descent (`learn::neural`): gradients against finite differences,
//! the optimisers against steps worked out by hand, determinism, logistic regression by
//! gradient descent against the exact Newton solver, early stopping, dropout, divergence, the
//! parameter checks, and accuracy on the built-in data sets.

use crate::common;

use atelier::data::matrix::numeric_matrix;
use atelier::data::Cell;
use atelier::error::{Error, Need};
use atelier::learn::logistic;
use atelier::learn::neural::{Activation, Config, GdParams, MlpParams, Network, Optimiser, Solver, Training};
use atelier::learn::{Labelled, Model};
use atelier::reduce::scale::standardize;
use common::dataset;
use ndarray::Array2;
use rand_chacha::ChaCha8Rng;
use rand_core::{RngCore, SeedableRng};

/// Features, class indices (classes sorted by name) and the class names.
struct Data {
    x: Array2<f64>,
    y: Vec<usize>,
    classes: Vec<String>,
}

impl Data {
    fn labelled(&self) -> Labelled<'_> {
        Labelled { x: self.x.view(), y: &self.y, n_classes: self.classes.len() }
    }

    /// The rows `keep` accepts.
    fn rows(&self, keep: impl Fn(usize) -> bool) -> Data {
        let rows: Vec<usize> = (0..self.y.len()).filter(|&r| keep(r)).collect();
        Data {
            x: self.x.select(ndarray::Axis(0), &rows),
            y: rows.iter().map(|&r| self.y[r]).collect(),
            classes: self.classes.clone(),
        }
    }

    fn class(&self, name: &str) -> usize {
        self.classes.iter().position(|c| c == name).unwrap()
    }
}

/// A built-in data set's `features` (all numeric ones when empty) and its `target`.
fn load(file: &str, features: &[&str], target: &str) -> Data {
    let table = dataset(file);
    let columns: Vec<String> = features.iter().map(|s| s.to_string()).collect();
    let numeric = numeric_matrix(&table, &columns).unwrap();
    assert_eq!(numeric.dropped, 0);
    let column = table.column(target).unwrap();
    let names: Vec<String> = (0..table.num_rows())
        .map(|r| match column.cell(r) {
            Cell::Text(s) => s.to_string(),
            Cell::Integer(i) => i.to_string(),
            other => panic!("{other:?}"),
        })
        .collect();
    let mut classes = names.clone();
    classes.sort();
    classes.dedup();
    let y = names.iter().map(|n| classes.iter().position(|c| c == n).unwrap()).collect();
    Data { x: numeric.matrix, y, classes }
}

fn moons() -> Data {
    load("moons.csv", &["x", "y"], "label")
}

fn bits(values: &[f64]) -> Vec<u64> {
    values.iter().map(|v| v.to_bits()).collect()
}

fn uniform(rng: &mut ChaCha8Rng) -> f64 {
    (rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64 * 2.0 - 1.0
}

/// Trains until done; returns the training.
fn train(config: &Config, train: &Data, validation: Option<&Data>, positive: usize) -> Training {
    let mut training = Training::new(config, &train.labelled(), positive).unwrap();
    let validation = validation.map(Data::labelled);
    while !training.done() {
        training.epoch(&train.labelled(), validation.as_ref());
    }
    training
}

/// Pre-activations of every hidden layer for each row of `x`, computed here from the weights.
fn hidden_pre_activations(net: &Network, x: &Array2<f64>) -> Vec<f64> {
    let layers = net.layers();
    let mut out = Vec::new();
    for row in x.rows() {
        let mut a: Vec<f64> = row.to_vec();
        for layer in &layers[..layers.len() - 1] {
            let z: Vec<f64> = (0..layer.bias.len())
                .map(|j| layer.bias[j] + a.iter().enumerate().map(|(k, v)| v * layer.weights[[k, j]]).sum::<f64>())
                .collect();
            out.extend(&z);
            a = z.iter().map(|&z| z.max(0.0)).collect();
        }
    }
    out
}

/// Every partial derivative of the objective (mean cross-entropy + `alpha ‖W‖² / (2 n_train)`)
/// against central differences, `h = 1e-6`, for each hidden activation and both outputs (a
/// sigmoid for two classes, a softmax over three), on a 3-4-3-output network with random
/// weights and a batch of 5 rows, `n_train = 7` (not the batch's rows, so the penalty's
/// scaling is checked too). ReLU is checked away from its kink: every pre-activation is at
/// least 1e-3 from 0.
#[test]
fn gradients_match_central_differences_for_every_activation_and_output() {
    let mut rng = ChaCha8Rng::seed_from_u64(3);
    let x = Array2::from_shape_fn((5, 3), |_| 2.0 * uniform(&mut rng));
    let (alpha, n_train, h) = (0.3, 7, 1e-6);
    for activation in [Activation::Relu, Activation::Tanh, Activation::Logistic, Activation::Identity] {
        for (outputs, targets) in [(1, vec![1, 0, 0, 1, 1]), (3, vec![2, 0, 1, 1, 2])] {
            let mut net = Network::new(3, &[4, 3], activation, outputs, 1);
            net.parameters_mut().iter_mut().for_each(|p| *p = uniform(&mut rng));
            if activation == Activation::Relu {
                let closest = hidden_pre_activations(&net, &x).iter().fold(f64::INFINITY, |m, z| m.min(z.abs()));
                assert!(closest > 1e-3, "a ReLU pre-activation at {closest}: pick another seed");
            }
            let (loss, grads) = net.loss_and_gradient(x.view(), &targets, alpha, n_train);
            assert!(loss.is_finite() && loss > 0.0);
            assert_eq!(grads.len(), net.parameters().len());
            for (j, &grad) in grads.iter().enumerate() {
                let at = |delta: f64| {
                    let mut moved = net.clone();
                    moved.parameters_mut()[j] += delta;
                    moved.loss_and_gradient(x.view(), &targets, alpha, n_train).0
                };
                let numeric = (at(h) - at(-h)) / (2.0 * h);
                let error = (numeric - grad).abs();
                assert!(error <= 1e-6 * grad.abs().max(1.0), "{activation:?}, {outputs} outputs, ∂/∂θ{j}: {numeric} vs {grad}");
            }
        }
    }
}

/// The penalty is `alpha ‖W‖² / (2 n_train)` on the weights only: a bias's gradient does not
/// change with `alpha`, a weight's changes by `alpha w / n_train`.
#[test]
fn the_penalty_falls_on_the_weights_not_the_biases() {
    let mut rng = ChaCha8Rng::seed_from_u64(5);
    let x = Array2::from_shape_fn((4, 2), |_| uniform(&mut rng));
    let mut net = Network::new(2, &[], Activation::Identity, 1, 1);
    net.parameters_mut().copy_from_slice(&[0.5, -1.5, 2.0]); // w₀, w₁, b
    let (_, plain) = net.loss_and_gradient(x.view(), &[1, 0, 1, 1], 0.0, 10);
    let (_, penalised) = net.loss_and_gradient(x.view(), &[1, 0, 1, 1], 4.0, 10);
    assert!((penalised[0] - plain[0] - 4.0 * 0.5 / 10.0).abs() < 1e-15);
    assert!((penalised[1] - plain[1] - 4.0 * -1.5 / 10.0).abs() < 1e-15);
    assert_eq!(penalised[2], plain[2]);
}

/// SGD with momentum 0.9, learning rate 0.1, from (1, −2): `v ← 0.9 v − 0.1 g`, `w ← w + v`,
/// worked out by hand: gradients (0.5, −1) → v = (−0.05, 0.1), w = (0.95, −1.9); (0.2, 0.4) →
/// v = (−0.065, 0.05), w = (0.885, −1.85); (0, −0.3) → v = (−0.0585, 0.075), w = (0.8265,
/// −1.775).
#[test]
fn sgd_with_momentum_takes_the_steps_worked_out_by_hand() {
    let mut opt = Optimiser::new(Solver::Sgd, 0.1, 0.9, 2);
    let mut w = [1.0, -2.0];
    for (g, want) in [([0.5, -1.0], [0.95, -1.9]), ([0.2, 0.4], [0.885, -1.85]), ([0.0, -0.3], [0.8265, -1.775])] {
        opt.step(&mut w, &g);
        assert!((w[0] - want[0]).abs() < 1e-15 && (w[1] - want[1]).abs() < 1e-15, "{w:?} vs {want:?}");
    }
    // Momentum 0 is plain gradient descent.
    let mut plain = Optimiser::new(Solver::Sgd, 0.1, 0.0, 1);
    let mut w = [1.0];
    plain.step(&mut w, &[0.5]);
    plain.step(&mut w, &[0.5]);
    assert_eq!(w, [1.0 - 0.05 - 0.05]);
}

/// Adam (learning rate 0.01, β₁ 0.9, β₂ 0.999, ε 1e-8) from (1, −0.5) with gradients
/// (0.5, −0.2), (0.1, 0.3), (−0.4, 0): the first step moves each weight by about the learning
/// rate against its gradient's sign (0.99, −0.49); the next ones as computed with Python floats
/// from scikit-learn's formulas.
#[test]
fn adam_takes_the_steps_of_scikit_learns_formulas() {
    let mut opt = Optimiser::new(Solver::Adam, 0.01, 0.9, 2);
    let mut w = [1.0, -0.5];
    let steps = [
        ([0.5, -0.2], [0.9900000063245513, -0.4900000158113633]),
        ([0.1, 0.3], [0.9819696015228833, -0.4924770317998839]),
        ([-0.4, 0.0], [0.9810326079526781, -0.4943917723373345]),
    ];
    for (g, want) in steps {
        opt.step(&mut w, &g);
        assert!((w[0] - want[0]).abs() < 1e-14 && (w[1] - want[1]).abs() < 1e-14, "{w:?} vs {want:?}");
    }
    assert_eq!(opt.steps(), 3);
}

/// The same seed gives the same bits (weights, log, loader) after several epochs of an MLP
/// with dropout and mini-batches; another seed gives other weights.
#[test]
fn the_same_seed_gives_the_same_bits_and_another_seed_does_not() {
    let data = moons();
    let (tr, va) = (data.rows(|r| r % 4 != 0), data.rows(|r| r % 4 == 0));
    let run = |seed: u64| {
        let params = MlpParams { hidden_layer_sizes: vec![16, 8], dropout: vec![0.2, 0.1], batch_size: Some(32), max_iter: 5, seed, ..MlpParams::default() };
        train(&params.config(), &tr, Some(&va), 1)
    };
    let (a, b, c) = (run(7), run(7), run(8));
    assert_eq!(bits(a.mlp().unwrap().parameters()), bits(b.mlp().unwrap().parameters()));
    assert_eq!(format!("{:?}", a.log()), format!("{:?}", b.log()));
    assert_eq!(a.loader(), b.loader());
    assert_eq!(a.log().len(), 5);
    assert_ne!(bits(a.mlp().unwrap().parameters()), bits(c.mlp().unwrap().parameters()));
    assert_ne!(a.loader().order, c.loader().order);
}

/// Four breast-cancer columns ("mean radius", "mean texture", "mean smoothness", "mean
/// symmetry"), standardised on all rows (`reduce::scale::standardize`), malignant positive,
/// C = 1: logistic regression by full-batch gradient descent (learning rate 0.1, 20,000 epochs, from zero)
/// reaches the exact Newton fit of `logistic::fit` (its objective is the exact one divided by
/// `C n`, same minimiser): measured 2.2e-9 from it, asserted 1e-6 (the brief asked 1e-3). With
/// batches of 32 rows (learning rate 0.05, 1,000 epochs) the noisy steps stay near it: measured
/// 2.2e-3, asserted 1e-2.
#[test]
fn logistic_regression_by_gradient_descent_reaches_the_newton_fit() {
    let mut data = load("breast_cancer.csv", &["mean radius", "mean texture", "mean smoothness", "mean symmetry"], "diagnosis");
    standardize(&mut data.x);
    let positive = data.class("malignant");
    let is_positive: Vec<bool> = data.y.iter().map(|&c| c == positive).collect();
    let exact = logistic::fit(&logistic::Params { c: 1.0 }, data.x.view(), &is_positive).unwrap();
    for (batch_size, learning_rate, max_iter, tol) in [(None, 0.1, 20_000, 1e-6), (Some(32), 0.05, 1000, 0.01)] {
        let params = GdParams { c: 1.0, learning_rate, batch_size, max_iter, seed: 1 };
        let training = train(&params.config(), &data, None, positive);
        let (w, b) = training.mlp().unwrap().linear().unwrap();
        let worst = w.iter().zip(&exact.coefficients).map(|(a, b)| (a - b).abs()).fold((b - exact.intercept).abs(), f64::max);
        assert!(worst < tol, "batch {batch_size:?}: {w:?} {b} vs {:?} {} ({worst})", exact.coefficients, exact.intercept);
        // Its probabilities are the exact model's, near enough.
        let (got, want) = (training.mlp().unwrap().scores(data.x.view()), exact.proba(data.x.view()));
        assert!(got.iter().zip(&want).all(|(a, b)| (a - b).abs() < 10.0 * tol));
    }
}

/// A 2-128-128-1 ReLU network (Adam, learning rate 0.01, no penalty) on 50 moons rows
/// overfits: its validation loss (the other 350 rows) turns up, early stopping ends training
/// `n_iter_no_change` epochs without improvement later, and `finish()` gives back the best
/// epoch's weights, whose validation loss is the logged best, to the bit.
#[test]
fn early_stopping_on_moons_keeps_the_best_epochs_weights() {
    let data = moons();
    let (tr, va) = (data.rows(|r| r % 8 == 0), data.rows(|r| r % 8 != 0));
    let params = MlpParams {
        hidden_layer_sizes: vec![128, 128],
        learning_rate_init: 0.01,
        alpha: 0.0,
        batch_size: Some(10),
        max_iter: 1000,
        early_stopping: true,
        n_iter_no_change: 10,
        seed: 0,
        ..MlpParams::default()
    };
    let training = train(&params.config(), &tr, Some(&va), 1);
    let stopped = training.stopped_at().expect("early stopping");
    let best = training.best_epoch().unwrap();
    assert!(best < stopped && stopped < 1000, "best {best}, stopped {stopped}");
    assert_eq!(training.log().len(), stopped);
    let log = training.log();
    let best_loss = log[best - 1].val_loss.unwrap();
    assert!(log.iter().all(|r| r.val_loss.unwrap() >= best_loss));
    assert!(log[stopped - 1].val_loss.unwrap() > best_loss, "the validation loss turned up");
    // Overfitting: the training loss keeps falling below the validation loss.
    assert!(log[stopped - 1].train_loss < log[stopped - 1].val_loss.unwrap());
    let last = training.mlp().unwrap().clone();
    let fitted = mlp(training.finish());
    assert_ne!(bits(fitted.parameters()), bits(last.parameters()));
    let (val_loss, _) = fitted.loss_and_gradient(va.x.view(), &va.y, 0.0, 1);
    assert_eq!(val_loss.to_bits(), best_loss.to_bits());
}

/// Without early stopping training runs to `max_iter` and `finish()` keeps the last weights,
/// though the best epoch is still reported.
#[test]
fn without_early_stopping_training_runs_every_epoch_and_keeps_the_last_weights() {
    let data = moons();
    let (tr, va) = (data.rows(|r| r % 4 != 0), data.rows(|r| r % 4 == 0));
    let params = MlpParams { hidden_layer_sizes: vec![8], max_iter: 12, ..MlpParams::default() };
    let training = train(&params.config(), &tr, Some(&va), 1);
    assert_eq!((training.progress(), training.stopped_at()), ((12, 12), None));
    assert!(training.best_epoch().is_some());
    let last = training.mlp().unwrap().clone();
    assert_eq!(mlp(training.finish()), last);
}

/// Dropout only acts while learning: networks built with and without it start alike and score
/// alike (the eval-mode pass draws nothing: twice the same scores), the validation loss is the
/// eval-mode loss of the weights, and learning with dropout ends elsewhere than without.
#[test]
fn dropout_acts_in_training_only() {
    let data = moons();
    let (tr, va) = (data.rows(|r| r % 4 != 0), data.rows(|r| r % 4 == 0));
    let params = |dropout: Vec<f64>| MlpParams { hidden_layer_sizes: vec![32, 16], dropout, max_iter: 3, seed: 4, ..MlpParams::default() };
    let mut with = Training::new(&params(vec![0.5, 0.3]).config(), &tr.labelled(), 1).unwrap();
    let mut without = Training::new(&params(vec![]).config(), &tr.labelled(), 1).unwrap();
    assert_eq!(with.mlp(), without.mlp());
    let scores = with.mlp().unwrap().scores(va.x.view());
    assert_eq!(bits(&scores), bits(&with.mlp().unwrap().scores(va.x.view())));
    assert_eq!(bits(&scores), bits(&without.mlp().unwrap().scores(va.x.view())));
    let record = with.epoch(&tr.labelled(), Some(&va.labelled()));
    without.epoch(&tr.labelled(), Some(&va.labelled()));
    assert_ne!(bits(with.mlp().unwrap().parameters()), bits(without.mlp().unwrap().parameters()));
    let (eval_loss, _) = with.mlp().unwrap().loss_and_gradient(va.x.view(), &va.y, 0.0, 1);
    assert_eq!(record.val_loss.unwrap().to_bits(), eval_loss.to_bits());
    // The last layer of an eval-mode forward pass is the score.
    let row = va.x.row(0).to_vec();
    let pass = with.mlp().unwrap().forward_pass(&row);
    assert_eq!(pass.last().unwrap()[0].to_bits(), with.mlp().unwrap().scores(va.x.view())[0].to_bits());
}

/// Learning rate 1e6 on unscaled breast cancer (areas in the thousands): the weights blow up to
/// infinity and the loss stops being a number within a few epochs; training stops there, with
/// no panic, and says at which epoch.
#[test]
fn a_huge_learning_rate_diverges_and_stops_without_panicking() {
    let data = load("breast_cancer.csv", &[], "diagnosis");
    let positive = data.class("malignant");
    for config in [
        GdParams { learning_rate: 1e6, batch_size: Some(16), max_iter: 100, ..GdParams::default() }.config(),
        MlpParams { hidden_layer_sizes: vec![16], solver: Solver::Sgd, learning_rate_init: 1e6, max_iter: 100, ..MlpParams::default() }.config(),
    ] {
        let training = train(&config, &data, Some(&data), positive);
        let epoch = training.diverged().expect("diverged");
        assert!(training.done() && epoch < 100, "{:?}", training.log().last());
        assert_eq!(training.log().len(), epoch);
        assert!(!training.log()[epoch - 1].train_loss.is_finite());
        assert_eq!(training.stopped_at(), None);
        let _ = training.mlp().unwrap().scores(data.x.view()); // no panic
        let _ = training.mlp().unwrap().forward_pass(&data.x.row(0).to_vec());
    }
}

/// Each parameter out of range is `Error::BadParam` naming the model's field and what it needs.
#[test]
fn bad_parameters_are_named_errors() {
    let data = moons();
    let mlp = |f: &dyn Fn(&mut MlpParams)| {
        let mut p = MlpParams::default();
        f(&mut p);
        p.config()
    };
    let gd = |f: &dyn Fn(&mut GdParams)| {
        let mut p = GdParams::default();
        f(&mut p);
        p.config()
    };
    let cases: Vec<(Config, &str, Need)> = vec![
        (mlp(&|p| p.learning_rate_init = 0.0), "model.learning_rate_init", Need::Positive),
        (mlp(&|p| p.learning_rate_init = f64::NAN), "model.learning_rate_init", Need::Positive),
        (gd(&|p| p.learning_rate = -1.0), "model.learning_rate", Need::Positive),
        (gd(&|p| p.c = 0.0), "model.C", Need::Positive),
        (gd(&|p| p.c = f64::INFINITY), "model.C", Need::Positive),
        (mlp(&|p| p.alpha = -1.0), "model.alpha", Need::AtLeast(0)),
        (mlp(&|p| p.momentum = 1.0), "model.momentum", Need::Fraction),
        (mlp(&|p| p.batch_size = Some(0)), "model.batch_size", Need::AtLeast(1)),
        (gd(&|p| p.batch_size = Some(0)), "model.batch_size", Need::AtLeast(1)),
        (mlp(&|p| p.max_iter = 0), "model.max_iter", Need::AtLeast(1)),
        (mlp(&|p| p.n_iter_no_change = 0), "model.n_iter_no_change", Need::AtLeast(1)),
        (mlp(&|p| p.tol = -1e-4), "model.tol", Need::AtLeast(0)),
        (mlp(&|p| p.hidden_layer_sizes = vec![8, 0]), "model.hidden_layer_sizes", Need::AtLeast(1)),
        (mlp(&|p| p.dropout = vec![0.5, 0.5]), "model.dropout", Need::Rates(1)),
        (mlp(&|p| { p.hidden_layer_sizes = vec![8, 8]; p.dropout = vec![0.5]; }), "model.dropout", Need::Rates(2)),
        (mlp(&|p| { p.hidden_layer_sizes = vec![8]; p.dropout = vec![1.0]; }), "model.dropout", Need::Rates(1)),
        (mlp(&|p| { p.hidden_layer_sizes = vec![8]; p.dropout = vec![-0.1]; }), "model.dropout", Need::Rates(1)),
    ];
    for (config, field, need) in cases {
        match Training::new(&config, &data.labelled(), 1) {
            Err(Error::BadParam { field: f, need: n, .. }) => assert_eq!((f.as_str(), n), (field, need)),
            Err(other) => panic!("{field}: {other:?}"),
            Ok(_) => panic!("{field}: accepted"),
        }
    }
    // Good ones pass: dropout 0 on a layer, momentum 0, alpha 0, a batch larger than the rows.
    let fine = mlp(&|p| { p.hidden_layer_sizes = vec![4, 4]; p.dropout = vec![0.0, 0.5]; p.momentum = 0.0; p.alpha = 0.0; p.batch_size = Some(10_000); });
    let training = Training::new(&fine, &data.labelled(), 1).unwrap();
    assert_eq!((training.loader().batch_size, training.loader().batches), (400, 1));
}

/// A training part without the positive class (or without the rest) is `Error::EmptyClass`, as
/// for the exact logistic regression; a non-finite feature is `Error::NotANumber`.
#[test]
fn a_missing_class_or_a_nan_feature_is_refused() {
    let data = moons();
    let zeros = data.rows(|r| data.y[r] == 0);
    for config in [GdParams::default().config(), MlpParams::default().config()] {
        let err = Training::new(&config, &zeros.labelled(), 1).err().unwrap();
        assert_eq!(err, Error::EmptyClass { part: "train", class: "positive".into() });
        let err = Training::new(&config, &zeros.labelled(), 0).err().unwrap();
        assert_eq!(err, Error::EmptyClass { part: "train", class: "negative".into() });
    }
    let mut bad = data.rows(|_| true);
    bad.x[[3, 1]] = f64::NAN;
    let err = Training::new(&MlpParams::default().config(), &bad.labelled(), 1).err().unwrap();
    assert_eq!(err, Error::NotANumber { row: 4 });
}

/// The loader: batches of `batch_size` rows (the last one shorter) over a permutation of the
/// training rows; `batch()` gives a record only when it closes the epoch, then the next epoch
/// has another order.
#[test]
fn the_data_loader_walks_the_batches_of_each_shuffled_epoch() {
    let data = moons();
    let params = MlpParams { hidden_layer_sizes: vec![4], batch_size: Some(150), max_iter: 2, ..MlpParams::default() };
    let mut training = Training::new(&params.config(), &data.labelled(), 1).unwrap();
    let first = training.loader();
    assert_eq!((first.batch_size, first.batches, first.next_batch, first.epoch), (150, 3, 0, 0));
    let mut sorted = first.order.clone();
    sorted.sort();
    assert_eq!(sorted, (0..400).collect::<Vec<u32>>());
    assert_ne!(first.order, sorted);
    assert!(training.batch(&data.labelled(), None).is_none());
    assert!(training.batch(&data.labelled(), None).is_none());
    assert_eq!(training.loader().next_batch, 2);
    let record = training.batch(&data.labelled(), None).expect("the third batch closes the epoch");
    assert_eq!((record.epoch, record.val_loss, record.val_accuracy), (1, None, None));
    assert!(record.train_loss > 0.0 && (0.0..=1.0).contains(&record.train_accuracy));
    let second = training.loader();
    assert_eq!((second.next_batch, second.epoch), (0, 1));
    assert_ne!(second.order, first.order);
    training.epoch(&data.labelled(), None);
    assert!(training.done());
    assert_eq!(training.progress(), (2, 2));
    assert!(training.batch(&data.labelled(), None).is_none());
    assert_eq!(training.epoch(&data.labelled(), None), training.log()[1]);
}

/// The summary counts each layer's weights and biases, the input first; `linear()` is only for
/// logistic regression.
#[test]
fn the_summary_counts_parameters_layer_by_layer() {
    let iris = load("iris.csv", &[], "species");
    let config = MlpParams { hidden_layer_sizes: vec![10, 5], activation: Activation::Tanh, ..MlpParams::default() }.config();
    let net = mlp(Training::new(&config, &iris.labelled(), 2).unwrap().finish());
    let summary: Vec<(usize, &str, usize)> = net.summary().iter().map(|l| (l.units, l.activation, l.parameters)).collect();
    assert_eq!(summary, [(4, "input", 0), (10, "tanh", 50), (5, "tanh", 55), (3, "softmax", 18)]);
    assert_eq!(net.parameters().len(), 50 + 55 + 18);
    assert!(net.linear().is_none());
    let pass = net.forward_pass(&[5.1, 3.5, 1.4, 0.2]);
    assert_eq!(pass.iter().map(Vec::len).collect::<Vec<_>>(), [4, 10, 5, 3]);
    assert!((pass[3].iter().sum::<f64>() - 1.0).abs() < 1e-12);
    let lr = mlp(Training::new(&GdParams::default().config(), &iris.labelled(), 2).unwrap().finish());
    let summary: Vec<(usize, &str, usize)> = lr.summary().iter().map(|l| (l.units, l.activation, l.parameters)).collect();
    assert_eq!(summary, [(4, "input", 0), (1, "sigmoid", 5)]);
    assert_eq!(lr.linear(), Some((vec![0.0; 4], 0.0)), "logistic regression starts from zero");
}

/// A 2-32-32-1 ReLU network (Adam, learning rate 0.01, batches of 32) on three quarters of
/// circles scores above 95 % on the other quarter; so does one on moons.
#[test]
fn an_mlp_separates_circles_and_moons() {
    for file in ["circles.csv", "moons.csv"] {
        let data = load(file, &["x", "y"], "label");
        let (tr, va) = (data.rows(|r| r % 4 != 0), data.rows(|r| r % 4 == 0));
        let params = MlpParams { hidden_layer_sizes: vec![32, 32], learning_rate_init: 0.01, batch_size: Some(32), max_iter: 150, ..MlpParams::default() };
        let training = train(&params.config(), &tr, Some(&va), 1);
        let accuracy = training.log().last().unwrap().val_accuracy.unwrap();
        assert!(accuracy > 0.95, "{file}: {accuracy}");
        // The accuracy logged is the scores' at 0.5.
        let scores = training.mlp().unwrap().scores(va.x.view());
        let right = scores.iter().zip(&va.y).filter(|(s, &c)| (**s >= 0.5) == (c == 1)).count();
        assert_eq!(right as f64 / va.y.len() as f64, accuracy);
    }
}

/// Iris (standardised) with a softmax over its three classes: above 90 % on every third row
/// after learning on the others.
#[test]
fn a_softmax_mlp_learns_the_three_iris_species() {
    let mut data = load("iris.csv", &[], "species");
    standardize(&mut data.x);
    let (tr, va) = (data.rows(|r| r % 3 != 0), data.rows(|r| r % 3 == 0));
    let params = MlpParams { hidden_layer_sizes: vec![16], learning_rate_init: 0.01, batch_size: Some(16), max_iter: 200, ..MlpParams::default() };
    let training = train(&params.config(), &tr, Some(&va), data.class("virginica"));
    assert_eq!(training.mlp().unwrap().summary().last().unwrap().activation, "softmax");
    let accuracy = training.log().last().unwrap().val_accuracy.unwrap();
    assert!(accuracy > 0.9, "{accuracy}");
    let scores = training.mlp().unwrap().scores(va.x.view());
    assert!(scores.iter().all(|p| (0.0..=1.0).contains(p)));
}

/// One epoch of a 20-64-64-1 ReLU network, Adam, batches of 200, on 50,000 × 20 random rows.
/// `cargo test --release --test core learn_neural:: -- --ignored --nocapture`.
#[test]
#[ignore]
fn timing_one_epoch_of_a_20_64_64_1_network_on_50000_rows() {
    let mut rng = ChaCha8Rng::seed_from_u64(1);
    let x = Array2::from_shape_fn((50_000, 20), |_| uniform(&mut rng));
    let y: Vec<usize> = x.rows().into_iter().map(|r| usize::from(r[0] + r[1] * r[2] > 0.0)).collect();
    let data = Labelled { x: x.view(), y: &y, n_classes: 2 };
    let params = MlpParams { hidden_layer_sizes: vec![64, 64], batch_size: Some(200), max_iter: 6, ..MlpParams::default() };
    let mut training = Training::new(&params.config(), &data, 1).unwrap();
    training.epoch(&data, None); // warm-up
    let (start, cpu) = (std::time::Instant::now(), thread_cpu_seconds());
    for _ in 0..5 {
        training.epoch(&data, None);
    }
    let per_epoch = start.elapsed().as_secs_f64() / 5.0;
    let cpu = thread_cpu_seconds().zip(cpu).map(|(end, start)| (end - start) / 5.0);
    println!("one epoch: {per_epoch:.3} s wall, {cpu:.3?} s CPU; last record {:?}", training.log().last());
    assert!(per_epoch < 1.0, "{per_epoch} s per epoch");
}

/// This thread's CPU time (Linux: `/proc/thread-self/schedstat`, in ns), which a loaded
/// machine does not inflate as it does the wall clock.
fn thread_cpu_seconds() -> Option<f64> {
    let text = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    Some(text.split_whitespace().next()?.parse::<f64>().ok()? / 1e9)
}

/// The network a gradient-descent training fitted.
fn mlp(model: Model) -> Network {
    match model {
        Model::Network(network) => network,
        other => panic!("not an MLP: {other:?}"),
    }
}
