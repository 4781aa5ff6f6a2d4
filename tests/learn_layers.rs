//! The layer library (`learn::layers`): every layer's gradients against central differences,
//! shapes and parameter counts against Keras' summaries, each shape error, the seeded start,
//! and dropout.

use atelier::error::{Error, Lang, LayerNeed, Need};
use atelier::learn::layers::{summary, with_vocabulary, Activation, LayerShape, LayerSpec, Network, Padding};
use atelier::learn::neural::{Optimiser, Solver};
use atelier::reduce::random::uniform;
use rand_chacha::ChaCha8Rng;
use rand_core::SeedableRng;

/// The layers a JSON spec lists.
fn layers(json: &str) -> Vec<LayerSpec> {
    serde_json::from_str(json).unwrap()
}

/// `n` values uniform in `[lo, hi)`.
fn draws(n: usize, lo: f64, hi: f64, rng: &mut ChaCha8Rng) -> Vec<f64> {
    (0..n).map(|_| lo + (hi - lo) * uniform(rng)).collect()
}

/// The scalar loss of the checks: `Σ output · r`, `r` fixed random weights, so that every
/// output's gradient is a different number. Training mode draws dropout from `seed` afresh at
/// each pass, so every pass drops the same values.
fn loss(net: &mut Network, x: &[f64], n: usize, r: &[f64], dropout: Option<u64>) -> f64 {
    let mut rng = dropout.map(ChaCha8Rng::seed_from_u64);
    let out = net.forward(x, n, rng.as_mut()).unwrap();
    assert_eq!(out.len(), r.len());
    out.iter().zip(r).fold(0.0, |s, (o, r)| s + o * r)
}

/// `∂loss/∂v` by central differences, `h = 1e-5`, `v` one of the parameters or inputs.
fn numeric(mut at: impl FnMut(f64) -> f64) -> f64 {
    let h = 1e-5;
    (at(h) - at(-h)) / (2.0 * h)
}

/// Numeric and backward agree within 1e-6 of the gradient, or of 1e-2 below it: with
/// `h = 1e-5` and losses near 1, rounding leaves about 1e-10 of noise, truncation `h²` about
/// 1e-10 too.
fn assert_gradient(what: &str, numeric: f64, analytic: f64) {
    let scale = analytic.abs().max(1e-2);
    assert!((numeric - analytic).abs() <= 1e-6 * scale, "{what}: numeric {numeric}, backward {analytic}");
}

/// Checks a network's gradients w.r.t. every parameter (set at random in ±0.5, biases too)
/// and, with `inputs`, every input value, against central differences.
fn check_gradients(shape: &[usize], spec: &str, x: &[f64], n: usize, inputs: bool, dropout: Option<u64>) {
    let mut rng = ChaCha8Rng::seed_from_u64(11);
    let mut net = Network::new(shape, &layers(spec), 3).unwrap();
    let count = net.parameters().len();
    net.parameters_mut().copy_from_slice(&draws(count, -0.5, 0.5, &mut rng));
    let outputs = net.forward(x, n, None).unwrap().len();
    let r = draws(outputs, -1.0, 1.0, &mut rng);
    loss(&mut net, x, n, &r, dropout);
    let (grads, back) = net.backward(&r).unwrap();
    assert_eq!((grads.len(), back.len()), (count, x.len()));
    assert!(grads.iter().chain(&back).any(|g| g.abs() > 1e-3), "{spec}: every gradient near 0");
    for (j, &g) in grads.iter().enumerate() {
        let at = |d: f64| {
            net.parameters_mut()[j] += d;
            let l = loss(&mut net, x, n, &r, dropout);
            net.parameters_mut()[j] -= d;
            l
        };
        assert_gradient(&format!("{spec} ∂/∂θ{j}"), numeric(at), g);
    }
    if !inputs {
        return;
    }
    for (k, &g) in back.iter().enumerate() {
        let mut moved = x.to_vec();
        let at = |d: f64| {
            moved[k] = x[k] + d;
            loss(&mut net, &moved, n, &r, dropout)
        };
        assert_gradient(&format!("{spec} ∂/∂x{k}"), numeric(at), g);
    }
}

#[test]
fn dense_gradients_match_central_differences_for_each_smooth_activation() {
    let x = draws(3 * 4, -1.0, 1.0, &mut ChaCha8Rng::seed_from_u64(1));
    for activation in ["tanh", "sigmoid", "softmax", "linear"] {
        let spec = format!(r#"[{{"type": "dense", "units": 3, "activation": "{activation}"}}]"#);
        check_gradients(&[4], &spec, &x, 3, true, None);
    }
}

/// ReLU is checked away from its kink: every pre-activation (the same network made linear) is
/// at least 1e-3 from 0, where a step of 1e-5 cannot cross it.
#[test]
fn dense_relu_gradients_match_central_differences_away_from_zero() {
    let x = draws(3 * 4, -1.0, 1.0, &mut ChaCha8Rng::seed_from_u64(2));
    let spec = r#"[{"type": "dense", "units": 5, "activation": "relu"}, {"type": "dense", "units": 2}]"#;
    let mut linear = Network::new(&[4], &layers(r#"[{"type": "dense", "units": 5}]"#), 3).unwrap();
    let mut rng = ChaCha8Rng::seed_from_u64(11);
    let first = draws(25, -0.5, 0.5, &mut rng);
    linear.parameters_mut().copy_from_slice(&first);
    let closest = linear.forward(&x, 3, None).unwrap().iter().fold(f64::INFINITY, |m, z| m.min(z.abs()));
    assert!(closest > 1e-3, "a pre-activation at {closest}: pick another seed");
    check_gradients(&[4], spec, &x, 3, true, None);
}

#[test]
fn conv2d_gradients_match_central_differences_with_valid_and_same_padding() {
    let x = draws(2 * 5 * 5 * 2, -1.0, 1.0, &mut ChaCha8Rng::seed_from_u64(3));
    for (kernel, stride, padding) in [(3, 1, "valid"), (3, 2, "same"), (4, 1, "same"), (2, 2, "valid")] {
        let spec = format!(
            r#"[{{"type": "conv2d", "filters": 3, "kernel": {kernel}, "stride": {stride}, "padding": "{padding}", "activation": "tanh"}}]"#
        );
        check_gradients(&[5, 5, 2], &spec, &x, 2, true, None);
    }
}

/// Inputs all distinct by at least 0.01 (a shuffle of a grid), so no window has a tie a step
/// of 1e-5 could break.
#[test]
fn maxpool_gradient_goes_to_each_window_maximum() {
    let mut rng = ChaCha8Rng::seed_from_u64(4);
    let mut keyed: Vec<(f64, f64)> = (0..2 * 5 * 5 * 2).map(|v| (uniform(&mut rng), v as f64 * 0.01)).collect();
    keyed.sort_by(|a, b| a.0.total_cmp(&b.0));
    let x: Vec<f64> = keyed.iter().map(|&(_, v)| v).collect();
    check_gradients(&[5, 5, 2], r#"[{"type": "maxpool", "size": 2}]"#, &x, 2, true, None);
    check_gradients(&[5, 5, 2], r#"[{"type": "maxpool", "size": 3, "stride": 1}]"#, &x, 2, true, None);
}

/// Softmax over an image's channels, flatten, and dropout in training mode (the same drops
/// at every pass), into a sigmoid layer.
#[test]
fn activation_flatten_and_dropout_gradients_match_central_differences() {
    let x = draws(3 * 2 * 2 * 3, -1.0, 1.0, &mut ChaCha8Rng::seed_from_u64(5));
    let spec = r#"[{"type": "activation", "activation": "softmax"}, {"type": "flatten"},
        {"type": "dropout", "rate": 0.3}, {"type": "dense", "units": 2, "activation": "sigmoid"}]"#;
    check_gradients(&[2, 2, 3], spec, &x, 3, true, Some(9));
}

#[test]
fn lstm_and_gru_gradients_match_central_differences() {
    let x = draws(2 * 4 * 3, -1.0, 1.0, &mut ChaCha8Rng::seed_from_u64(6));
    for cell in ["lstm", "gru"] {
        check_gradients(&[4, 3], &format!(r#"[{{"type": "{cell}", "units": 3}}]"#), &x, 2, true, None);
    }
}

/// Word indices have no gradient; the embedding's table does, through an LSTM and a softmax.
#[test]
fn embedding_gradients_match_central_differences_through_a_text_model() {
    let x = [0.0, 4.0, 2.0, 4.0, 5.0, 1.0, 1.0, 3.0];
    let spec = r#"[{"type": "embedding", "vocabulary": 6, "dim": 3}, {"type": "gru", "units": 2},
        {"type": "dense", "units": 3, "activation": "softmax"}]"#;
    check_gradients(&[4], spec, &x, 2, false, None);
    let spec = r#"[{"type": "embedding", "vocabulary": 6, "dim": 3}, {"type": "lstm", "units": 2}]"#;
    check_gradients(&[4], spec, &x, 2, false, None);
}

/// Keras' MNIST convnet example (keras.io/examples/vision/mnist_convnet): 34,826 parameters.
#[test]
fn summary_gives_keras_shapes_and_counts_for_a_convnet() {
    let spec = r#"[{"type": "conv2d", "filters": 32, "kernel": 3, "activation": "relu"}, {"type": "maxpool", "size": 2},
        {"type": "conv2d", "filters": 64, "kernel": 3, "activation": "relu"}, {"type": "maxpool", "size": 2},
        {"type": "flatten"}, {"type": "dropout", "rate": 0.5}, {"type": "dense", "units": 10, "activation": "softmax"}]"#;
    let got = summary(&[28, 28, 1], &layers(spec)).unwrap();
    let want = [
        ("conv2d", vec![26, 26, 32], 320),
        ("maxpool", vec![13, 13, 32], 0),
        ("conv2d", vec![11, 11, 64], 18_496),
        ("maxpool", vec![5, 5, 64], 0),
        ("flatten", vec![1600], 0),
        ("dropout", vec![1600], 0),
        ("dense", vec![10], 16_010),
    ];
    let want: Vec<LayerShape> = want.into_iter().map(|(kind, output, parameters)| LayerShape { kind, output, parameters }).collect();
    assert_eq!(got, want);
    assert_eq!(got.iter().map(|l| l.parameters).sum::<usize>(), 34_826);
}

/// Keras' counts: Embedding(10000, 16) 160,000; LSTM(32) on 16 features 4·(16·32 + 32² + 32)
/// = 6,272; GRU(32) (`reset_after`, two biases) 3·(16·32 + 32² + 2·32) = 4,800.
#[test]
fn summary_gives_keras_counts_for_recurrent_layers() {
    let spec = r#"[{"type": "embedding", "vocabulary": 10000, "dim": 16}, {"type": "lstm", "units": 32}]"#;
    let counts = |spec: &str| summary(&[100], &layers(spec)).unwrap().iter().map(|l| (l.output.clone(), l.parameters)).collect::<Vec<_>>();
    assert_eq!(counts(spec), [(vec![100, 16], 160_000), (vec![32], 6_272)]);
    assert_eq!(counts(&spec.replace("lstm", "gru"))[1], (vec![32], 4_800));
}

/// `same` padding gives `⌈size / stride⌉`; a stride defaults to 1, a pool's to its size.
#[test]
fn summary_follows_padding_and_stride() {
    let output = |shape: &[usize], spec: &str| summary(shape, &layers(spec)).unwrap()[0].output.clone();
    assert_eq!(output(&[28, 28, 1], r#"[{"type": "conv2d", "filters": 8, "kernel": 5, "stride": 2, "padding": "same"}]"#), [14, 14, 8]);
    assert_eq!(output(&[5, 7, 1], r#"[{"type": "conv2d", "filters": 2, "kernel": 3, "stride": 2, "padding": "same"}]"#), [3, 4, 2]);
    assert_eq!(output(&[5, 7, 3], r#"[{"type": "conv2d", "filters": 2, "kernel": 3}]"#), [3, 5, 2]);
    assert_eq!(output(&[7, 6, 3], r#"[{"type": "maxpool", "size": 3}]"#), [2, 2, 3]);
    assert_eq!(output(&[7, 6, 3], r#"[{"type": "maxpool", "size": 3, "stride": 1}]"#), [5, 4, 3]);
    assert_eq!(output(&[3, 4], r#"[{"type": "activation", "activation": "softmax"}]"#), [3, 4]);
}

/// Gradients cannot see where the padding goes (forward and backward agree either way), so
/// values worked out by hand: a 2 × 2 window of ones over 1‥16 in a 4 × 4 image, `same`
/// padding's one extra column and row after the image, as TensorFlow.
#[test]
fn same_padding_puts_the_odd_row_and_column_after_as_tensorflow() {
    let mut net = Network::new(&[4, 4, 1], &layers(r#"[{"type": "conv2d", "filters": 1, "kernel": 2, "padding": "same"}]"#), 0).unwrap();
    net.parameters_mut().copy_from_slice(&[1.0, 1.0, 1.0, 1.0, 0.0]);
    let x: Vec<f64> = (1..=16).map(f64::from).collect();
    let out = net.forward(&x, 1, None).unwrap();
    assert_eq!(out, [14.0, 18.0, 22.0, 12.0, 30.0, 34.0, 38.0, 20.0, 46.0, 50.0, 54.0, 28.0, 27.0, 29.0, 31.0, 16.0]);
}

/// Gate order and the GRU's reset placement, by hand on one step from `h₀ = 0` (one unit, one
/// feature `x = 1`): the LSTM's kernel is `[i, f, c, o]`, so `h = σ(0.4) tanh(σ(0.1) tanh(0.3))`;
/// the GRU's `[z, r, h]` with recurrent bias `[0, 0, 0.5]`, so
/// `h = (1 − σ(0.1)) tanh(0.3 + σ(0.2) · 0.5)`.
#[test]
fn recurrent_gates_follow_keras_order() {
    let sigmoid = |z: f64| 1.0 / (1.0 + (-z).exp());
    let one_step = |cell: &str, params: &[f64]| {
        let mut net = Network::new(&[1, 1], &layers(&format!(r#"[{{"type": "{cell}", "units": 1}}]"#)), 0).unwrap();
        net.parameters_mut().copy_from_slice(params);
        net.forward(&[1.0], 1, None).unwrap()[0]
    };
    let lstm = one_step("lstm", &[0.1, 0.2, 0.3, 0.4, 0.9, 0.9, 0.9, 0.9, 0.0, 0.0, 0.0, 0.0]);
    assert!((lstm - sigmoid(0.4) * (sigmoid(0.1) * 0.3f64.tanh()).tanh()).abs() < 1e-15, "{lstm}");
    let gru = one_step("gru", &[0.1, 0.2, 0.3, 0.9, 0.9, 0.9, 0.0, 0.0, 0.0, 0.0, 0.0, 0.5]);
    assert!((gru - (1.0 - sigmoid(0.1)) * (0.3 + sigmoid(0.2) * 0.5).tanh()).abs() < 1e-15, "{gru}");
}

#[test]
fn spec_reads_defaults_and_refuses_unknown_fields() {
    let read = layers(r#"[{"type": "conv2d", "filters": 4, "kernel": 3}, {"type": "dense", "units": 2}]"#);
    let conv = LayerSpec::Conv2d { filters: 4, kernel: 3, stride: None, padding: Padding::Valid, activation: Activation::Linear };
    assert_eq!(read, [conv, LayerSpec::Dense { units: 2, activation: Activation::Linear }]);
    assert!(serde_json::from_str::<Vec<LayerSpec>>(r#"[{"type": "dense", "units": 2, "unit": 3}]"#).is_err());
    assert!(serde_json::from_str::<Vec<LayerSpec>>(r#"[{"type": "dense", "units": 2, "activation": "elu"}]"#).is_err());
    let filled = with_vocabulary(&layers(r#"[{"type": "embedding", "dim": 8}]"#), 500);
    assert_eq!(filled, [LayerSpec::Embedding { vocabulary: Some(500), dim: 8 }]);
}

/// One row per mistake: the input shape, the layers, and the error naming the layer.
#[test]
fn summary_names_the_layer_and_the_shapes_of_each_mistake() {
    let in_layer = |layer, kind, error| Error::InLayer { layer, kind, error: Box::new(error) };
    let input = |shape: &[usize], need| Error::LayerInput { input: shape.to_vec(), need };
    let param = |field: &str, value: &str, need| Error::BadParam { field: field.into(), value: value.into(), need };
    let cases = [
        (vec![10], r#"[{"type": "conv2d", "filters": 1, "kernel": 3}]"#, in_layer(1, "conv2d", input(&[10], LayerNeed::Image))),
        (
            vec![8, 8, 1],
            r#"[{"type": "conv2d", "filters": 2, "kernel": 3}, {"type": "dense", "units": 4}]"#,
            in_layer(2, "dense", input(&[6, 6, 2], LayerNeed::Vector)),
        ),
        (vec![4, 4, 1], r#"[{"type": "conv2d", "filters": 1, "kernel": 5}]"#, in_layer(1, "conv2d", input(&[4, 4, 1], LayerNeed::Window { size: 5 }))),
        (vec![4, 6, 1], r#"[{"type": "maxpool", "size": 5}]"#, in_layer(1, "maxpool", input(&[4, 6, 1], LayerNeed::Window { size: 5 }))),
        (vec![10], r#"[{"type": "dense", "units": 4}, {"type": "lstm", "units": 4}]"#, in_layer(2, "lstm", input(&[4], LayerNeed::Sequence))),
        (vec![5, 5, 1], r#"[{"type": "embedding", "vocabulary": 3, "dim": 2}]"#, in_layer(1, "embedding", input(&[5, 5, 1], LayerNeed::Indices))),
        (vec![10], r#"[{"type": "dense", "units": 0}]"#, in_layer(1, "dense", param("units", "0", Need::AtLeast(1)))),
        (vec![10], r#"[{"type": "dropout", "rate": 1.0}]"#, in_layer(1, "dropout", param("rate", "1", Need::Fraction))),
        (vec![10], r#"[{"type": "embedding", "dim": 2}]"#, in_layer(1, "embedding", param("vocabulary", "none", Need::AtLeast(1)))),
        (vec![4, 4, 1], r#"[{"type": "conv2d", "filters": 1, "kernel": 3, "stride": 0}]"#, in_layer(1, "conv2d", param("stride", "0", Need::AtLeast(1)))),
        (vec![usize::MAX / 32], r#"[{"type": "dense", "units": 4}]"#, in_layer(1, "dense", input(&[usize::MAX / 32 + 1, 4], LayerNeed::Smaller))),
        (
            vec![1 << 58],
            r#"[{"type": "dense", "units": 3}, {"type": "dense", "units": 144115188075855872}]"#,
            in_layer(2, "dense", input(&[3], LayerNeed::Smaller)),
        ),
        (vec![3, 0], "[]", param("input_shape", "[3, 0]", Need::AtLeast(1))),
    ];
    for (shape, spec, want) in cases {
        assert_eq!(summary(&shape, &layers(spec)).unwrap_err(), want, "{spec}");
    }
}

#[test]
fn shape_errors_read_in_french_and_english() {
    let spec = r#"[{"type": "conv2d", "filters": 2, "kernel": 3}, {"type": "dense", "units": 4}]"#;
    let e = summary(&[8, 8, 1], &layers(spec)).unwrap_err();
    assert_eq!(e.code(), "layer_input");
    assert_eq!(e.message(Lang::En), "Layer 2 (dense): it receives shape [6, 6, 2] but needs a vector [features]: add a flatten layer before it.");
    assert_eq!(
        e.message(Lang::Fr),
        "Couche 2 (dense) : elle reçoit la forme [6, 6, 2] ; il lui faut un vecteur [variables] : ajoutez une couche flatten avant elle."
    );
}

/// A word index outside the vocabulary, and a batch of the wrong size, are errors, not panics.
#[test]
fn forward_refuses_unknown_words_and_ragged_batches() {
    let mut net = Network::new(&[3], &layers(r#"[{"type": "embedding", "vocabulary": 5, "dim": 2}]"#), 0).unwrap();
    let unknown = Error::OutOfRange { name: "word index", value: 5.0, min: 0.0, max: 4.0 };
    assert_eq!(net.forward(&[1.0, 5.0, 0.0], 1, None).unwrap_err(), Error::InLayer { layer: 1, kind: "embedding", error: Box::new(unknown) });
    assert_eq!(net.forward(&[1.0, 2.5, 0.0], 1, None).unwrap_err().code(), "out_of_range");
    assert_eq!(net.forward(&[1.0, 2.0], 1, None).unwrap_err().code(), "bad_param");
    assert_eq!(net.backward(&[0.0; 6]).unwrap_err().code(), "bad_param", "no forward pass yet");
}

const MIXED: &str = r#"[{"type": "conv2d", "filters": 3, "kernel": 3, "padding": "same", "activation": "relu"},
    {"type": "maxpool", "size": 2}, {"type": "flatten"}, {"type": "dropout", "rate": 0.4},
    {"type": "dense", "units": 6, "activation": "tanh"}, {"type": "dense", "units": 3, "activation": "softmax"}]"#;

/// Same seed, same parameters and outputs, bit for bit (training mode included); another
/// seed, other parameters.
#[test]
fn same_seed_gives_identical_parameters_and_outputs() {
    let x = draws(4 * 6 * 6 * 2, 0.0, 1.0, &mut ChaCha8Rng::seed_from_u64(8));
    let run = |seed: u64| {
        let mut net = Network::new(&[6, 6, 2], &layers(MIXED), seed).unwrap();
        let trained = net.forward(&x, 4, Some(&mut ChaCha8Rng::seed_from_u64(seed))).unwrap();
        let (grads, _) = net.backward(&trained).unwrap();
        let inferred = net.forward(&x, 4, None).unwrap();
        let bits = |v: &[f64]| v.iter().map(|v| v.to_bits()).collect::<Vec<_>>();
        (bits(net.parameters()), bits(&trained), bits(&grads), bits(&inferred))
    };
    assert_eq!(run(5), run(5));
    assert_ne!(run(5).0, run(6).0);
    for cell in ["lstm", "gru"] {
        let text = layers(&format!(r#"[{{"type": "embedding", "vocabulary": 7, "dim": 3}}, {{"type": "{cell}", "units": 4}}]"#));
        let run = |seed| {
            let mut net = Network::new(&[5], &text, seed).unwrap();
            let out = net.forward(&[1.0, 6.0, 0.0, 3.0, 3.0], 1, None).unwrap();
            net.parameters().iter().chain(&out).map(|v| v.to_bits()).collect::<Vec<_>>()
        };
        assert_eq!(run(1), run(1), "{cell}");
    }
}

/// Weights within their bound and spread across it (Glorot, or He before a ReLU), biases 0,
/// the LSTM's forget-gate biases 1.
#[test]
fn start_is_glorot_or_he_with_zero_biases_and_forget_bias_one() {
    let spread = |w: &[f64], bound: f64| {
        let most = w.iter().fold(0.0f64, |m, v| m.max(v.abs()));
        assert!(most <= bound && most > 0.9 * bound, "largest |w| {most}, bound {bound}");
    };
    let net = Network::new(&[30], &layers(r#"[{"type": "dense", "units": 20, "activation": "relu"}, {"type": "dense", "units": 10}]"#), 1).unwrap();
    let p = net.parameters();
    spread(&p[..600], (6.0f64 / 30.0).sqrt());
    assert!(p[600..620].iter().all(|&b| b == 0.0));
    spread(&p[620..820], (6.0f64 / 30.0).sqrt());
    assert!(p[820..].iter().all(|&b| b == 0.0));

    let (features, units) = (5, 4);
    let net = Network::new(&[3, features], &layers(r#"[{"type": "lstm", "units": 4}]"#), 1).unwrap();
    let p = net.parameters();
    let (kernel, recurrent) = (features * 4 * units, units * 4 * units);
    spread(&p[..kernel], (6.0 / (features + 4 * units) as f64).sqrt());
    spread(&p[kernel..kernel + recurrent], (6.0 / (5 * units) as f64).sqrt());
    let bias = &p[kernel + recurrent..];
    let forget = |j: usize| (units..2 * units).contains(&j);
    assert!(bias.iter().enumerate().all(|(j, &b)| b == if forget(j) { 1.0 } else { 0.0 }), "{bias:?}");

    let net = Network::new(&[3, features], &layers(r#"[{"type": "gru", "units": 4}]"#), 1).unwrap();
    assert!(net.parameters()[features * 12 + units * 12..].iter().all(|&b| b == 0.0));
}

/// 20,000 ones through dropout 0.3: about 30 % zeros (within 4 standard deviations, 0.013),
/// the others exactly 1 / 0.7, so the mean stays near 1; at inference, the input unchanged and
/// the gradient passed through.
#[test]
fn dropout_drops_its_rate_in_training_and_nothing_at_inference() {
    let n = 20_000;
    let mut net = Network::new(&[10], &layers(r#"[{"type": "dropout", "rate": 0.3}]"#), 0).unwrap();
    let x = vec![1.0; n * 10];
    let out = net.forward(&x, n, Some(&mut ChaCha8Rng::seed_from_u64(2))).unwrap();
    let zeros = out.iter().filter(|&&v| v == 0.0).count() as f64 / out.len() as f64;
    assert!((zeros - 0.3).abs() < 4.0 * (0.21f64 / out.len() as f64).sqrt(), "dropped {zeros}");
    assert!(out.iter().all(|&v| v == 0.0 || v == 1.0 / (1.0 - 0.3)));
    let mean = out.iter().sum::<f64>() / out.len() as f64;
    assert!((mean - 1.0).abs() < 0.02, "mean {mean}");
    let x: Vec<f64> = draws(30, -1.0, 1.0, &mut ChaCha8Rng::seed_from_u64(3));
    assert_eq!(net.forward(&x, 3, None).unwrap(), x);
    assert_eq!(net.backward(&x).unwrap().1, x);
}

/// The flat buffer is what `neural::Optimiser` steps: Adam on a small dense network drives a
/// squared error down.
#[test]
fn optimiser_steps_the_flat_parameters() {
    let mut rng = ChaCha8Rng::seed_from_u64(4);
    let (x, y) = (draws(8 * 3, -1.0, 1.0, &mut rng), draws(8 * 2, -1.0, 1.0, &mut rng));
    let mut net = Network::new(&[3], &layers(r#"[{"type": "dense", "units": 8, "activation": "tanh"}, {"type": "dense", "units": 2}]"#), 0).unwrap();
    let mut adam = Optimiser::new(Solver::Adam, 0.05, 0.0, net.parameters().len());
    let error = |net: &mut Network| {
        let out = net.forward(&x, 8, None).unwrap();
        let diff: Vec<f64> = out.iter().zip(&y).map(|(o, y)| 2.0 * (o - y)).collect();
        (diff.iter().map(|d| d * d / 4.0).sum::<f64>(), diff)
    };
    let (start, _) = error(&mut net);
    for _ in 0..200 {
        let (_, diff) = error(&mut net);
        let (grads, _) = net.backward(&diff).unwrap();
        adam.step(net.parameters_mut(), &grads);
    }
    let (end, _) = error(&mut net);
    assert!(end < 0.1 * start, "squared error {start} → {end}");
}
