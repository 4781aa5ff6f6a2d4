//! Evaluating scores against true labels: the confusion matrix at a threshold and its rates,
//! ROC and precision–recall curves with their areas, threshold pickers. Takes labels and
//! scores, never models.

pub mod classes;
pub mod confusion;
pub mod curves;
pub mod scores;
pub mod pick;
