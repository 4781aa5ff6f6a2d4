//! Windows slid over `[h, w, c]` images: the 2-D convolution and max pooling.
//!
//! Conv2d's parameters: the kernel `[k, k, c, filters]` row-major (Keras' layout), then the
//! `filters` biases. Both layers loop over output pixels and window taps directly (no
//! im2col copy); at the sizes of a course (28 × 28 digits, a few dozen filters) the copy
//! would cost more memory than it saves time.
//!
//! Conv2d's loops keep every sum in the order of the plain loops (a tap after the other,
//! `ky · k + kx`, channels within a tap; output pixels and rows in order for the kernel's
//! gradient), so they give the same bits; they only go faster: each window's rows and columns
//! on the image worked out once, not tap by tap; the outputs of a block of filters (the
//! kernel's gradient: of a block of its columns) summed in locals over the whole window (the
//! whole batch), not loaded and stored at each tap; the input's gradient, a dot product per tap
//! and channel, taken for every tap of a pixel at once along a transposed kernel
//! (`dense::dots`), whose sums are independent of each other instead of one long chain.
//! MaxPool's forward pass likewise visits each window's taps on the image directly.

use rand_chacha::ChaCha8Rng;

use std::ops::Range;

use super::dense::{dots, transpose};
use super::{add_bias_gradient, count, draw, image, needs, positive};
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

    /// The taps `0..k` along one axis that fall on the image (of `size` pixels, `pad` of
    /// padding before) for the window at output position `o`: those whose pixel
    /// `o · stride + tap − pad` is in `0..size`.
    fn on_image(&self, o: usize, pad: usize, size: usize) -> Range<usize> {
        let start = o * self.stride;
        let first = pad.saturating_sub(start);
        first..(size + pad).saturating_sub(start).min(self.k).max(first)
    }

    /// The other way round: the output positions `0..outs` whose window's tap `tap` falls on
    /// the image along that axis (`o · stride + tap − pad` in `0..size`).
    fn outputs_on(&self, tap: usize, pad: usize, size: usize, outs: usize) -> Range<usize> {
        let first = pad.saturating_sub(tap).div_ceil(self.stride);
        first..(size + pad).saturating_sub(tap).div_ceil(self.stride).min(outs).max(first)
    }

    /// `acc[j] += Σ x[under the tap, ch] · w[tap, ch, first + j]` over the taps `ky ∈ rows`,
    /// `kx ∈ cols` of the window at output pixel `(oy, ox)` of one row `x`, taps in order,
    /// channels within: filters `first ..` of a kernel of `f` filters.
    #[inline(always)]
    fn add_window(&self, x: &[f64], w: &[f64], f: usize, (oy, ox): (usize, usize), (rows, cols): (Range<usize>, Range<usize>), first: usize, acc: &mut [f64]) {
        let c = self.c;
        for ky in rows {
            let iy = oy * self.stride + ky - self.top;
            for kx in cols.clone() {
                let q = iy * self.w + ox * self.stride + kx - self.left;
                let taps = &w[(ky * self.k + kx) * c * f..][..c * f];
                for (&a, row) in x[q * c..(q + 1) * c].iter().zip(taps.chunks_exact(f)) {
                    acc.iter_mut().zip(&row[first..]).for_each(|(s, w)| *s += a * w);
                }
            }
        }
    }

    /// `acc[j] += Σ x[under tap (ky, kx), ch] · g[output pixel, first + j]` over the batch's
    /// rows (`inputs`, their output gradients `g` of `f` filters), then the output pixels
    /// `rows × cols` where the tap falls on the image, in order.
    #[inline(always)]
    fn add_kernel_gradient(&self, inputs: &[f64], g: &[f64], f: usize, (ky, kx, ch): (usize, usize, usize), (rows, cols): (Range<usize>, Range<usize>), first: usize, acc: &mut [f64]) {
        let (c, per_output) = (self.c, self.oh * self.ow * f);
        for (x, g) in inputs.chunks_exact(self.input_size()).zip(g.chunks_exact(per_output)) {
            for oy in rows.clone() {
                let iy = oy * self.stride + ky - self.top;
                for ox in cols.clone() {
                    let a = x[(iy * self.w + ox * self.stride + kx - self.left) * c + ch];
                    let gp = &g[(oy * self.ow + ox) * f + first..][..acc.len()];
                    acc.iter_mut().zip(gp).for_each(|(s, g)| *s += a * g);
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
        let (f, win) = (self.filters, self.windows);
        let mut out = b.repeat(n * win.oh * win.ow);
        for (x, o) in input.chunks_exact(win.input_size()).zip(out.chunks_exact_mut(win.oh * win.ow * f)) {
            for oy in 0..win.oh {
                let rows = win.on_image(oy, win.top, win.h);
                for ox in 0..win.ow {
                    let cols = win.on_image(ox, win.left, win.w);
                    let o = &mut o[(oy * win.ow + ox) * f..][..f];
                    let whole = f / BLOCK * BLOCK;
                    for start in (0..whole).step_by(BLOCK) {
                        let mut acc = [0.0; BLOCK];
                        acc.copy_from_slice(&o[start..start + BLOCK]);
                        win.add_window(x, w, f, (oy, ox), (rows.clone(), cols.clone()), start, &mut acc);
                        o[start..start + BLOCK].copy_from_slice(&acc);
                    }
                    win.add_window(x, w, f, (oy, ox), (rows.clone(), cols), whole, &mut o[whole..]);
                }
            }
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
        let (per_input, per_output) = (win.input_size(), win.oh * win.ow * f);
        // The kernel's gradient, a row `(tap, channel)` at a time: the sum over the batch's
        // rows and output pixels, in that order, of the input value under the tap times the
        // output's gradient.
        for ky in 0..win.k {
            let rows = win.outputs_on(ky, win.top, win.h, win.oh);
            for kx in 0..win.k {
                let (t, cols) = (ky * win.k + kx, win.outputs_on(kx, win.left, win.w, win.ow));
                for ch in 0..c {
                    let row = &mut gw[(t * c + ch) * f..(t * c + ch + 1) * f];
                    let whole = f / BLOCK * BLOCK;
                    let tap = (ky, kx, ch);
                    for start in (0..whole).step_by(BLOCK) {
                        let mut acc = [0.0; BLOCK];
                        acc.copy_from_slice(&row[start..start + BLOCK]);
                        win.add_kernel_gradient(&self.input, &g, f, tap, (rows.clone(), cols.clone()), start, &mut acc);
                        row[start..start + BLOCK].copy_from_slice(&acc);
                    }
                    win.add_kernel_gradient(&self.input, &g, f, tap, (rows.clone(), cols.clone()), whole, &mut row[whole..]);
                }
            }
        }
        // The input's gradient: for each output pixel, every tap and channel's dot product of
        // its gradient with the kernel's row, added to the input value under the tap.
        let (taps, kernel) = (win.k * win.k * c, transpose(w, f));
        let mut d = vec![0.0; taps];
        let mut back = vec![0.0; self.input.len()];
        for (bx, g) in back.chunks_exact_mut(per_input).zip(g.chunks_exact(per_output)) {
            for oy in 0..win.oh {
                let rows = win.on_image(oy, win.top, win.h);
                for ox in 0..win.ow {
                    let cols = win.on_image(ox, win.left, win.w);
                    dots(&g[(oy * win.ow + ox) * f..][..f], &kernel, &mut d);
                    for ky in rows.clone() {
                        let iy = oy * win.stride + ky - win.top;
                        for kx in cols.clone() {
                            let (q, t) = (iy * win.w + ox * win.stride + kx - win.left, ky * win.k + kx);
                            bx[q * c..(q + 1) * c].iter_mut().zip(&d[t * c..(t + 1) * c]).for_each(|(b, d)| *b += d);
                        }
                    }
                }
            }
        }
        back
    }
}

/// Filters (or the kernel gradient's columns) a block at a time: how many a block sums in
/// locals (which stay in registers once `add_window` and `add_kernel_gradient` are inlined
/// with an array of this length).
const BLOCK: usize = 8;

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
        let rows = input.chunks_exact(win.input_size()).zip(out.chunks_exact_mut(per_row).zip(self.argmax.chunks_exact_mut(per_row)));
        for (i, (x, (out, argmax))) in rows.enumerate() {
            let first = i * win.input_size();
            for oy in 0..win.oh {
                let rows = win.on_image(oy, win.top, win.h);
                for ox in 0..win.ow {
                    let (cols, p) = (win.on_image(ox, win.left, win.w), oy * win.ow + ox);
                    let (out, argmax) = (&mut out[p * c..(p + 1) * c], &mut argmax[p * c..(p + 1) * c]);
                    for ky in rows.clone() {
                        let iy = oy * win.stride + ky - win.top;
                        for kx in cols.clone() {
                            let q = iy * win.w + ox * win.stride + kx - win.left;
                            let taps = out.iter_mut().zip(argmax.iter_mut()).zip(&x[q * c..(q + 1) * c]).enumerate();
                            for (ch, ((o, at), &v)) in taps {
                                if *at == usize::MAX || v > *o {
                                    *o = v;
                                    *at = first + q * c + ch;
                                }
                            }
                        }
                    }
                }
            }
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
