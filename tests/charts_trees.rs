//! The tree diagram and the importance bars through their SVG, as tests/charts.rs does for the
//! other charts. Set CHARTS_SVG_DIR to keep the SVGs.

use crate::common;

use atelier::data::matrix::numeric_matrix;
use atelier::learn::tree::{self, Node, Tree};
use atelier::learn::Labelled;
use atelier::plot::tree::layout;
use atelier::plot::*;
use plotters::coord::Shift;
use plotters::prelude::*;
use common::svg::{self, has_all, light, lines_with, BLUE, ORANGE};

const W: u32 = 960;
const H: u32 = 540;

fn render(name: &str, draw: impl FnOnce(&DrawingArea<SVGBackend<'_>, Shift>) -> Frame) -> (String, Frame) {
    svg::render(name, (W, H), draw)
}

/// A depth-3 tree on breast_cancer's training rows (position % 4 != 0), and the feature names.
fn breast_cancer_tree() -> (Tree, Vec<String>) {
    let table = common::dataset("breast_cancer.csv");
    let names: Vec<String> = table.columns().iter().map(|c| c.name.clone()).filter(|n| n != "diagnosis").collect();
    let x = numeric_matrix(&table, &names).unwrap().matrix;
    let target = table.column("diagnosis").unwrap();
    let y: Vec<usize> = (0..x.nrows()).map(|r| usize::from(target.cell(r) == atelier::data::Cell::Text("malignant"))).collect();
    let rows: Vec<usize> = (0..x.nrows()).filter(|r| r % 4 != 0).collect();
    let (x, y): (_, Vec<usize>) = (x.select(ndarray::Axis(0), &rows), rows.iter().map(|&r| y[r]).collect());
    let params = tree::Params { max_depth: Some(3), ..tree::Params::default() };
    (tree::fit(&params, &Labelled { x: x.view(), y: &y, n_classes: 2 }).unwrap(), names)
}

fn diagram(tree: &Tree, names: Vec<String>, max_depth: usize) -> TreeDiagram {
    TreeDiagram {
        title: "Arbre de décision".into(),
        nodes: tree.nodes.clone(),
        feature_names: names,
        class_names: vec!["benign".into(), "malignant".into()],
        impurity_name: "gini".into(),
        samples_label: "échantillons".into(),
        true_label: "vrai".into(),
        false_label: "faux".into(),
        max_depth,
        positive: None,
    }
}

// ---- tree diagram ----

#[test]
fn tree_diagram_writes_the_root_split_its_impurity_rows_counts_and_class_names() {
    let (tree, names) = breast_cancer_tree();
    let (svg, f) = render("tree", |a| draw_tree(a, &diagram(&tree, names, 3), &light()).unwrap());
    // Root: mean concave points ≤ 0.04923 on 426 rows, 264 benign and 162 malignant.
    has_all(&svg, &["Arbre de décision", ">\nmean concave points ≤ 0.0492\n<", ">\ngini = 0.471\n<", ">\néchantillons = 426\n<", ">\n264 / 162\n<"]);
    has_all(&svg, &[">\nvrai\n<", ">\nfaux\n<", ">\nbenign\n<", ">\nmalignant\n<"]);
    assert_eq!(svg.matches(" ≤ ").count(), 7, "a full depth-3 tree has 7 splits");
    assert_eq!((f.x_categories, f.y_categories), (Some(8), Some(4)), "8 leaves on 4 levels");
    assert_eq!((f.y_min, f.y_max), (4.0, 0.0), "level 0 on top");
}

#[test]
fn leaves_are_filled_in_their_majority_class_colour() {
    let (tree, names) = breast_cancer_tree();
    let (svg, _) = render("tree-colours", |a| draw_tree(a, &diagram(&tree, names, 3), &light()).unwrap());
    let leaves: Vec<&Node> = tree.nodes.iter().filter(|n| n.feature.is_none()).collect();
    let benign = leaves.iter().filter(|n| n.counts[0] >= n.counts[1]).count();
    assert!(benign > 0 && benign < leaves.len(), "both classes lead somewhere");
    // One filled box per leaf, plus each class's legend swatch; split boxes stay unfilled.
    assert_eq!(lines_with(&svg, "<rect", BLUE), benign + 1);
    assert_eq!(lines_with(&svg, "<rect", ORANGE), leaves.len() - benign + 1);
}

#[test]
fn the_positive_class_takes_the_first_colour_as_in_every_chart() {
    let (tree, names) = breast_cancer_tree();
    let chart = TreeDiagram { positive: Some(1), ..diagram(&tree, names, 3) };
    let (svg, _) = render("tree-positive", |a| draw_tree(a, &chart, &light()).unwrap());
    let leaves: Vec<&Node> = tree.nodes.iter().filter(|n| n.feature.is_none()).collect();
    let malignant = leaves.iter().filter(|n| n.counts[1] > n.counts[0]).count();
    assert_eq!(lines_with(&svg, "<rect", BLUE), malignant + 1);
    assert_eq!(lines_with(&svg, "<rect", ORANGE), leaves.len() - malignant + 1);
}

#[test]
fn subtrees_below_the_drawn_depth_end_in_an_ellipsis() {
    let (tree, names) = breast_cancer_tree();
    let (svg, f) = render("tree-cut", |a| draw_tree(a, &diagram(&tree, names, 1), &light()).unwrap());
    assert_eq!(svg.matches(">\n…\n<").count(), 2, "both children of the root split further");
    assert_eq!(svg.matches(" ≤ ").count(), 3, "the root and its two children");
    assert_eq!((f.x_categories, f.y_categories), (Some(2), Some(2)));
}

#[test]
fn french_tree_writes_thresholds_with_a_decimal_comma() {
    let (tree, names) = breast_cancer_tree();
    let (svg, _) = render("tree-fr", |a| draw_tree(a, &diagram(&tree, names, 2), &light().with_decimal_comma(true)).unwrap());
    has_all(&svg, &["mean concave points ≤ 0,0492", "gini = 0,471"]);
}

#[test]
fn layout_puts_leaves_in_slots_and_parents_between_children() {
    let leaf = |counts: Vec<f64>| Node { feature: None, threshold: 0.0, left: 0, right: 0, impurity: 0.0, samples: 1, counts };
    let split = |left, right| Node { feature: Some(0), threshold: 1.0, left, right, impurity: 0.5, samples: 2, counts: vec![1.0, 1.0] };
    // 0 → (1, 2); 1 → (3, 4)
    let nodes = vec![split(1, 2), split(3, 4), leaf(vec![0.0, 1.0]), leaf(vec![1.0, 0.0]), leaf(vec![1.0, 0.0])];
    let l = layout(&nodes, 5);
    assert_eq!(l.nodes.iter().map(|p| p.node).collect::<Vec<_>>(), vec![0, 1, 3, 4, 2], "depth-first, left first");
    assert_eq!(l.nodes.iter().map(|p| p.x).collect::<Vec<_>>(), vec![1.75, 1.0, 0.5, 1.5, 2.5], "a parent midway between its children");
    assert_eq!((l.slots, l.levels), (3, 3));
    let cut = layout(&nodes, 0);
    assert_eq!(cut.nodes.len(), 1);
    assert!(cut.nodes[0].cut);
}

#[test]
fn tree_diagram_survives_no_node_broken_links_and_missing_names() {
    let broken = Node { feature: Some(9), threshold: f64::NAN, left: 7, right: 0, impurity: 0.5, samples: 2, counts: vec![] };
    let cases = [vec![], vec![broken]];
    for (i, nodes) in cases.into_iter().enumerate() {
        let chart = TreeDiagram { nodes, feature_names: vec![], class_names: vec![], ..diagram(&Tree { nodes: vec![], n_classes: 2 }, vec![], 3) };
        let (svg, f) = render(&format!("tree-edge-{i}"), |a| draw_tree(a, &chart, &Theme::new(true, 2.0)).unwrap());
        assert!(svg.contains("Arbre de décision"));
        assert!(f.width > 0 && f.height > 0, "{f:?}");
    }
}

// ---- importances ----

fn importances() -> Importances {
    Importances {
        title: "Importance des variables".into(),
        x_title: "baisse moyenne d’impureté".into(),
        y_title: String::new(),
        names: vec!["âge".into(), "poids".into(), "taille".into(), "tension".into(), "cholestérol".into()],
        values: vec![0.05, 0.4, 0.1, 0.3, 0.15],
        top: 3,
    }
}

#[test]
fn importance_bars_list_the_top_features_in_descending_order() {
    let (svg, f) = render("importances", |a| draw_importances(a, &importances(), &light()).unwrap());
    has_all(&svg, &["Importance des variables", "baisse moyenne d’impureté", ">\n0.400\n<"]);
    let at = |name: &str| svg.find(&format!(">\n{name}\n<")).unwrap_or_else(|| panic!("missing {name}"));
    assert!(at("poids") < at("tension") && at("tension") < at("cholestérol"), "largest first");
    assert!(!svg.contains(">\ntaille\n<") && !svg.contains(">\nâge\n<"), "only the top 3");
    assert_eq!(lines_with(&svg, "<rect", BLUE), 3);
    assert_eq!((f.y_categories, f.y_min, f.y_max), (Some(3), 3.0, 0.0), "rank 0 on top");
    assert!(f.x_min == 0.0 && f.x_max > 0.4, "{f:?}");
}

#[test]
fn importance_bars_survive_no_value_and_non_finite_ones() {
    let cases = [
        Importances { names: vec![], values: vec![], ..importances() },
        Importances { values: vec![f64::NAN, 0.0, f64::INFINITY], top: 0, ..importances() },
    ];
    for (i, chart) in cases.iter().enumerate() {
        let (svg, f) = render(&format!("importances-edge-{i}"), |a| draw_importances(a, chart, &light()).unwrap());
        assert!(svg.contains("Importance des variables"));
        assert!(f.x_max > f.x_min, "{f:?}");
    }
}
