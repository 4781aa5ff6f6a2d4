//! Windows slid over `[h, w, c]` images: the 2-D convolution and max pooling.
//!
//! Conv2d's parameters: the kernel `[k, k, c, filters]` row-major (Keras' layout), then the
//! `filters` biases. Both layers loop over output pixels and window taps directly (no
//! im2col copy); at the sizes of a course (28 × 28 digits, a few dozen filters) the copy
//! would cost more memory than it saves time.

use rand_chacha::ChaCha8Rng;

use super::{add_bias_gradient, add_input_gradient, add_product, add_weight_gradient, count, draw, image, needs, positive};
use super::{Activation, Layer, Padding};
use crate::error::{LayerNeed, Result};

/// Where a `k × k` window with `stride` lands on an `h × w` image, `top` and `left` rows and
/// columns of zero padding before it.
#[derive(Debug, Clone, Copy)]
struct Windows {
    h: usize,
    w: usize,
    c: usize,
    k: usize,
    stride: usize,
    top: usize,
    left: usize,
    oh: usize,
    ow: usize,
}

impl Windows {
    /// `valid`: `(h − k) / stride + 1` windows, an error when `k > h` or `k > w`; `same`:
    /// `⌈h / stride⌉`, with `(oh − 1)·stride + k − h` padding split as TensorFlow does (the
    /// odd one after).
    fn new(input: &[usize], k: usize, stride: usize, padding: Padding) -> Result<Windows> {
        let [h, w, c] = image(input)?;
        positive("stride", stride)?;
        let (oh, ow, top, left) = match padding {
            Padding::Valid if k > h || k > w => return Err(needs(input, LayerNeed::Window { size: k })),
            Padding::Valid => ((h - k) / stride + 1, (w - k) / stride + 1, 0, 0),
            Padding::Same => {
                let (oh, ow) = (h.div_ceil(stride), w.div_ceil(stride));
                let pad = |o: usize, i: usize| ((o - 1) * stride + k).saturating_sub(i) / 2;
                (oh, ow, pad(oh, h), pad(ow, w))
            }
        };
        Ok(Windows { h, w, c, k, stride, top, left, oh, ow })
    }

    /// Calls `f(output pixel, tap, input pixel)` for every tap (`ky · k + kx`) of every window
    /// that falls on the image (padding taps are skipped: they add zeros).
    fn for_each_tap(&self, mut f: impl FnMut(usize, usize, usize)) {
        for oy in 0..self.oh {
            for ox in 0..self.ow {
                for ky in 0..self.k {
                    let Some(iy) = (oy * self.stride + ky).checked_sub(self.top).filter(|&y| y < self.h) else { continue };
                    for kx in 0..self.k {
                        let Some(ix) = (ox * self.stride + kx).checked_sub(self.left).filter(|&x| x < self.w) else { continue };
                        f(oy * self.ow + ox, ky * self.k + kx, iy * self.w + ix);
                    }
                }
            }
        }
    }

    fn input_size(&self) -> usize {
        self.h * self.w * self.c
    }
}

pub struct Conv2d {
    windows: Windows,
    filters: usize,
    activation: Activation,
    /// The last forward pass's inputs and outputs.
    input: Vec<f64>,
    output: Vec<f64>,
}

impl Conv2d {
    pub fn new(input: &[usize], filters: usize, kernel: usize, stride: usize, padding: Padding, activation: Activation) -> Result<Conv2d> {
        positive("filters", filters)?;
        positive("kernel", kernel)?;
        let windows = Windows::new(input, kernel, stride, padding)?;
        count(&[kernel, kernel, windows.c.saturating_add(1), filters])?;
        count(&[windows.oh, windows.ow, filters])?;
        Ok(Conv2d { windows, filters, activation, input: Vec::new(), output: Vec::new() })
    }

    /// Weights of the kernel: `k · k · c · filters`.
    fn weights(&self) -> usize {
        let k = self.windows.k;
        k * k * self.windows.c * self.filters
    }
}

impl Layer for Conv2d {
    fn shape(&self) -> Vec<usize> {
        vec![self.windows.oh, self.windows.ow, self.filters]
    }

    fn parameters(&self) -> usize {
        self.weights() + self.filters
    }

    /// Fans as Keras counts them: `k² · c` in, `k² · filters` out.
    fn initialise(&self, params: &mut [f64], rng: &mut ChaCha8Rng) {
        let k2 = self.windows.k * self.windows.k;
        let bound = self.activation.bound(k2 * self.windows.c, k2 * self.filters);
        draw(&mut params[..self.weights()], bound, rng);
    }

    fn forward(&mut self, params: &[f64], input: &[f64], n: usize, _: Option<&mut ChaCha8Rng>) -> Result<Vec<f64>> {
        let (w, b) = params.split_at(self.weights());
        let (c, f, win) = (self.windows.c, self.filters, self.windows);
        let mut out = b.repeat(n * win.oh * win.ow);
        for (x, o) in input.chunks_exact(win.input_size()).zip(out.chunks_exact_mut(win.oh * win.ow * f)) {
            win.for_each_tap(|p, t, q| add_product(&x[q * c..(q + 1) * c], &w[t * c * f..(t + 1) * c * f], &mut o[p * f..(p + 1) * f], c));
        }
        self.activation.apply(&mut out, f);
        self.input = input.to_vec();
        self.output.clone_from(&out);
        Ok(out)
    }

    fn backward(&mut self, params: &[f64], grad: &[f64], grads: &mut [f64]) -> Vec<f64> {
        let (c, f, win) = (self.windows.c, self.filters, self.windows);
        let mut g = grad.to_vec();
        self.activation.derive(&mut g, &self.output, f);
        let w = &params[..self.weights()];
        let (gw, gb) = grads.split_at_mut(self.weights());
        add_bias_gradient(&g, gb);
        let mut back = vec![0.0; self.input.len()];
        let rows = self.input.chunks_exact(win.input_size()).zip(back.chunks_exact_mut(win.input_size()));
        for ((x, bx), g) in rows.zip(g.chunks_exact(win.oh * win.ow * f)) {
            win.for_each_tap(|p, t, q| {
                let (gp, kernel) = (&g[p * f..(p + 1) * f], t * c * f..(t + 1) * c * f);
                add_weight_gradient(&x[q * c..(q + 1) * c], gp, &mut gw[kernel.clone()], c);
                add_input_gradient(gp, &w[kernel], &mut bx[q * c..(q + 1) * c], c);
            });
        }
        back
    }
}

/// The largest value of each channel in each window (valid padding); the gradient goes to
/// that value only (the first of equal ones).
pub struct MaxPool {
    windows: Windows,
    /// For each output value of the last forward pass, where its maximum was in the batch.
    argmax: Vec<usize>,
    inputs: usize,
}

impl MaxPool {
    pub fn new(input: &[usize], size: usize, stride: usize) -> Result<MaxPool> {
        positive("size", size)?;
        let windows = Windows::new(input, size, stride, Padding::Valid)?;
        Ok(MaxPool { windows, argmax: Vec::new(), inputs: 0 })
    }
}

impl Layer for MaxPool {
    fn shape(&self) -> Vec<usize> {
        vec![self.windows.oh, self.windows.ow, self.windows.c]
    }

    fn forward(&mut self, _: &[f64], input: &[f64], n: usize, _: Option<&mut ChaCha8Rng>) -> Result<Vec<f64>> {
        let (win, c) = (self.windows, self.windows.c);
        let per_row = win.oh * win.ow * c;
        let mut out = vec![0.0; n * per_row];
        // Every valid window has taps: the first always sets its maximum and place, so even a
        // window of NaN or −∞ sends its gradient inside itself.
        self.argmax = vec![usize::MAX; n * per_row];
        for (i, x) in input.chunks_exact(win.input_size()).enumerate() {
            win.for_each_tap(|p, _, q| {
                for ch in 0..c {
                    let (o, at) = (i * per_row + p * c + ch, q * c + ch);
                    if self.argmax[o] == usize::MAX || x[at] > out[o] {
                        out[o] = x[at];
                        self.argmax[o] = i * win.input_size() + at;
                    }
                }
            });
        }
        self.inputs = input.len();
        Ok(out)
    }

    fn backward(&mut self, _: &[f64], grad: &[f64], _: &mut [f64]) -> Vec<f64> {
        let mut back = vec![0.0; self.inputs];
        grad.iter().zip(&self.argmax).for_each(|(g, &at)| back[at] += g);
        back
    }
}
