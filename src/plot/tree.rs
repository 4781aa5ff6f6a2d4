//! A decision tree as a diagram: one box per node with its split, impurity, rows and class
//! counts, leaves filled in their majority class's colour, subtrees below a chosen depth cut to
//! "…". Takes the nodes as `learn::tree` gives them and the caller's words; draws only.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use serde::Serialize;

use super::axes::{header, tick, truncate, Drawn};
use super::frame::Frame;
use super::theme::{contrast_text, Theme};
use crate::learn::tree::Node;

/// Deepest level `layout` goes to whatever the caller asks: 2¹⁰ boxes side by side are
/// already far past legible, and the bound keeps a malformed (cyclic) tree finite.
const DEEPEST: usize = 10;
/// Feature names longer than this are cut with "…" inside the boxes.
const NAME_CHARS: usize = 20;

fn default_depth() -> usize {
    3
}

/// What the diagram shows. The words come from the caller, in the page's language.
#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TreeDiagram {
    pub title: String,
    /// The tree's nodes, root first, as `learn::tree::Tree::nodes`.
    pub nodes: Vec<Node>,
    /// Name of each feature index; a missing one is written `x12`.
    pub feature_names: Vec<String>,
    /// Name of each class index, in the order of the nodes' `counts` (also the legend).
    pub class_names: Vec<String>,
    /// Written before each impurity, e.g. "gini" or "entropie".
    pub impurity_name: String,
    /// Written before each row count, e.g. "échantillons" or "samples".
    pub samples_label: String,
    /// The root's edge labels: left is `x ≤ threshold` true, e.g. "vrai" / "faux".
    pub true_label: String,
    pub false_label: String,
    /// Deepest level drawn (the root is 0; at most 10); nodes split there end in "…".
    #[serde(default = "default_depth")]
    pub max_depth: usize,
    /// The positive class, drawn in the first class colour as in every other chart (the
    /// others follow in their order); None: class `k` in colour `k`.
    #[serde(default)]
    pub positive: Option<usize>,
}

impl TreeDiagram {
    /// The colour of class `k`: the positive class first, the others in their order.
    fn colour(&self, k: usize, theme: &Theme) -> RGBColor {
        let slot = match self.positive {
            Some(p) if k == p => 0,
            Some(p) if k < p => k + 1,
            _ => k,
        };
        theme.class_colour(slot)
    }
}

/// A drawn node: `x` its centre in leaf slots (slot `i` spans `i..i+1`), `depth` its level,
/// `parent` its parent's position in `Layout::nodes`, `cut` when it splits but its children
/// are below the drawn depth.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Placed {
    pub node: usize,
    pub x: f64,
    pub depth: usize,
    pub parent: Option<usize>,
    pub cut: bool,
}

/// The drawn part of a tree on a grid of `slots` × `levels`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Layout {
    /// Root first, then depth-first, left before right.
    pub nodes: Vec<Placed>,
    pub slots: usize,
    pub levels: usize,
}

/// Places the nodes down to `max_depth` (at most 10): each node drawn without children takes
/// the next slot, each parent sits midway between its children. Links to missing nodes are
/// left out.
pub fn layout(nodes: &[Node], max_depth: usize) -> Layout {
    let mut out = Layout { nodes: Vec::new(), slots: 0, levels: 0 };
    place(nodes, 0, None, max_depth.min(DEEPEST), &mut out);
    out.levels = out.nodes.iter().map(|p| p.depth + 1).max().unwrap_or(0);
    out
}

/// Places node `id` under the placed node `parent` with its drawn subtree; returns its x, None
/// if it is missing.
fn place(nodes: &[Node], id: usize, parent: Option<usize>, max_depth: usize, out: &mut Layout) -> Option<f64> {
    let node = nodes.get(id)?;
    let depth = parent.and_then(|p| out.nodes.get(p)).map_or(0, |p| p.depth + 1);
    let index = out.nodes.len();
    out.nodes.push(Placed { node: id, x: 0.0, depth, parent, cut: node.feature.is_some() && depth >= max_depth });
    let children: Vec<f64> = match node.feature {
        Some(_) if depth < max_depth => [node.left, node.right].iter().filter_map(|&c| place(nodes, c, Some(index), max_depth, out)).collect(),
        _ => Vec::new(),
    };
    let x = if children.is_empty() {
        out.slots += 1;
        out.slots as f64 - 0.5
    } else {
        children.iter().sum::<f64>() / children.len() as f64
    };
    out.nodes[index].x = x;
    Some(x)
}

/// Boxes on the layout's grid, edges from each box to its children (the root's two labelled
/// with `true_label` / `false_label`), a "…" under each cut box, and the class legend. Each
/// level's text is as large as its narrowest gap between boxes allows (at most 12 CSS px), so
/// the upper levels stay legible when the lowest is crowded: give deep trees a wide canvas or
/// a smaller `max_depth`. The frame spans x = 0..slots and y = levels..0 (level 0 on top),
/// both categorical, so `Math.floor` of the pointer's data coordinates gives the slot and
/// level of `layout`'s nodes.
pub fn draw_tree<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    chart: &TreeDiagram,
    theme: &Theme,
) -> Drawn<Frame, DB> {
    let legend: Vec<(&str, RGBColor)> = chart.class_names.iter().enumerate().map(|(i, s)| (s.as_str(), chart.colour(i, theme))).collect();
    let body = header(area, &chart.title, &legend, theme)?;
    let layout = layout(&chart.nodes, chart.max_depth);
    let grid = Grid::new(&body, &layout, theme);
    let mut frame = Frame::of(&body, 0.0..grid.slots, grid.levels..0.0);
    (frame.x_categories, frame.y_categories) = (Some(layout.slots.max(1)), Some(layout.levels.max(1)));
    edges(&body, chart, &layout.nodes, &grid, theme)?;
    let boxes: Vec<NodeBox> = layout.nodes.iter().filter_map(|p| NodeBox::new(chart, p, theme)).collect();
    for depth in 0..layout.levels {
        let level: Vec<&NodeBox> = boxes.iter().filter(|b| b.placed.depth == depth).collect();
        draw_level(&body, &level, &grid, theme)?;
    }
    Ok(frame)
}

/// Pixel geometry of the slot × level grid on the body area.
struct Grid {
    slots: f64,
    levels: f64,
    slot_px: f64,
    level_px: f64,
    box_px: f64,
}

impl Grid {
    fn new<DB: DrawingBackend>(body: &DrawingArea<DB, Shift>, layout: &Layout, theme: &Theme) -> Grid {
        let (w, h) = body.dim_in_pixel();
        let (slots, levels) = (layout.slots.max(1) as f64, layout.levels.max(1) as f64);
        let level_px = f64::from(h) / levels;
        // Two thirds of a level (the rest for the edges and the "…"), at most five lines of
        // 12 CSS px text with a margin.
        let box_px = (level_px * 0.66).min(f64::from(theme.px(84.0)));
        Grid { slots, levels, slot_px: f64::from(w) / slots, level_px, box_px }
    }

    /// The box of a node at `x` on `depth`, `width` pixels wide: top-left and bottom-right.
    fn rect(&self, x: f64, depth: usize, width: f64) -> ((i32, i32), (i32, i32)) {
        let (cx, top) = (x * self.slot_px, (depth as f64 + 0.08) * self.level_px);
        let bottom = top + self.box_px;
        (((cx - width / 2.0) as i32, top as i32), ((cx + width / 2.0) as i32, bottom as i32))
    }
}

/// A node's text and fill.
struct NodeBox {
    placed: Placed,
    lines: Vec<String>,
    /// The majority class's colour for a leaf; None for a split node.
    fill: Option<RGBColor>,
}

impl NodeBox {
    fn new(chart: &TreeDiagram, placed: &Placed, theme: &Theme) -> Option<NodeBox> {
        let node = chart.nodes.get(placed.node)?;
        let majority = (0..node.counts.len()).fold(None, |best: Option<usize>, k| match best {
            Some(b) if node.counts[b] >= node.counts[k] => Some(b),
            _ => Some(k),
        });
        let mut lines = Vec::with_capacity(5);
        if let Some(f) = node.feature {
            let name = chart.feature_names.get(f).map_or_else(|| format!("x{f}"), |n| truncate(n, NAME_CHARS));
            lines.push(format!("{name} ≤ {}", theme.number(tick(&node.threshold))));
        }
        lines.push(format!("{} = {}", chart.impurity_name, theme.number(format!("{:.3}", node.impurity))));
        lines.push(format!("{} = {}", chart.samples_label, node.samples));
        lines.push(node.counts.iter().map(|c| theme.number(tick(c))).collect::<Vec<_>>().join(" / "));
        if let Some(k) = majority {
            lines.push(chart.class_names.get(k).cloned().unwrap_or_else(|| k.to_string()));
        }
        let fill = majority.filter(|_| node.feature.is_none()).map(|k| chart.colour(k, theme));
        Some(NodeBox { placed: *placed, lines, fill })
    }
}

/// The boxes of one level, their text sized to the narrowest gap between them.
fn draw_level<DB: DrawingBackend>(body: &DrawingArea<DB, Shift>, level: &[&NodeBox], grid: &Grid, theme: &Theme) -> Drawn<(), DB> {
    let gap = level.windows(2).map(|w| w[1].placed.x - w[0].placed.x).fold(grid.slots, f64::min);
    let width = (gap * grid.slot_px * 0.92).min(f64::from(theme.px(240.0)));
    let size = font_size(body, level, width, grid.box_px, theme)?;
    for b in level {
        let (a, z) = grid.rect(b.placed.x, b.placed.depth, width);
        let (fill, ink) = b.fill.map_or((theme.background, theme.text), |c| (c, contrast_text(c)));
        body.draw(&Rectangle::new([a, z], fill.filled()))?;
        body.draw(&Rectangle::new([a, z], theme.text.stroke_width(1)))?;
        let style = theme.font(size / theme.scale).color(&ink).pos(Pos::new(HPos::Center, VPos::Center));
        let (cx, line_h) = ((a.0 + z.0) / 2, size * 1.2);
        let first = f64::from(a.1 + z.1) / 2.0 - line_h * (b.lines.len() as f64 - 1.0) / 2.0;
        for (i, line) in b.lines.iter().enumerate() {
            body.draw(&Text::new(line.clone(), (cx, (first + i as f64 * line_h) as i32), style.clone()))?;
        }
        if b.placed.cut {
            let below = z.1 + theme.px(12.0) as i32;
            body.draw(&Text::new("…", (cx, below), theme.font(14.0).pos(Pos::new(HPos::Center, VPos::Center))))?;
        }
    }
    Ok(())
}

/// The largest size in device pixels (at most 12 CSS px) at which every line of the level fits
/// `width` and every box's lines fit `height`; widths are measured at 10 CSS px and scaled.
fn font_size<DB: DrawingBackend>(body: &DrawingArea<DB, Shift>, level: &[&NodeBox], width: f64, height: f64, theme: &Theme) -> Drawn<f64, DB> {
    let probe = theme.font(10.0);
    let mut widest = 1.0f64;
    for line in level.iter().flat_map(|b| &b.lines) {
        widest = widest.max(f64::from(body.estimate_text_size(line, &probe)?.0));
    }
    let most_lines = level.iter().map(|b| b.lines.len()).max().unwrap_or(1) as f64;
    let by_width = f64::from(theme.px(10.0)) * (width - 4.0).max(1.0) / widest;
    let by_height = (height - 4.0).max(1.0) / (most_lines * 1.2);
    Ok(by_width.min(by_height).min(12.0 * theme.scale).max(1.0))
}

/// A line from each drawn parent's box to each drawn child's; the root's left edge is labelled
/// `true_label`, its right edge `false_label`.
fn edges<DB: DrawingBackend>(body: &DrawingArea<DB, Shift>, chart: &TreeDiagram, placed: &[Placed], grid: &Grid, theme: &Theme) -> Drawn<(), DB> {
    let font = theme.font(12.0).pos(Pos::new(HPos::Center, VPos::Center));
    let line = theme.muted().stroke_width(theme.px(1.2).max(1));
    for child in placed {
        let Some(parent) = child.parent.and_then(|p| placed.get(p)) else { continue };
        let (_, from) = grid.rect(parent.x, parent.depth, 0.0);
        let (to, _) = grid.rect(child.x, child.depth, 0.0);
        body.draw(&PathElement::new(vec![from, to], line))?;
        if parent.depth == 0 {
            let is_left = chart.nodes.get(parent.node).is_some_and(|n| n.left == child.node);
            let label = if is_left { &chart.true_label } else { &chart.false_label };
            body.draw(&Text::new(label.clone(), ((from.0 + to.0) / 2, (from.1 + to.1) / 2), font.clone()))?;
        }
    }
    Ok(())
}
