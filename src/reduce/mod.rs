//! Projections of a numeric matrix to a few dimensions (PCA, t-SNE, UMAP) and the measures of
//! their quality. Takes `ndarray` matrices (rows = samples), never tables.

pub mod neighbors;
pub mod pca;
pub mod quality;
pub mod random;
pub mod scale;
pub mod tsne;
pub mod umap;
