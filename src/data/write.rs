//! A table back to CSV text, as pandas' `to_csv(index=False)` writes it: `,` delimiter, `.`
//! decimal mark, floats in their shortest round-trip form, missing values as empty fields.

use super::table::{Cell, Table};

pub fn to_csv(table: &Table) -> String {
    let mut writer = csv::WriterBuilder::new().terminator(csv::Terminator::Any(b'\n')).from_writer(Vec::new());
    let names: Vec<&str> = table.columns().iter().map(|c| c.name.as_str()).collect();
    // Writing to a Vec cannot fail; a failed record would only shorten the text.
    let _ = writer.write_record(&names);
    let mut record: Vec<String> = Vec::with_capacity(names.len());
    for r in 0..table.num_rows() {
        record.clear();
        record.extend(table.columns().iter().map(|c| match c.cell(r) {
            Cell::Integer(i) => i.to_string(),
            Cell::Float(x) => format!("{x:?}"),
            Cell::Text(s) => s.to_string(),
            Cell::Missing => String::new(),
        }));
        let _ = writer.write_record(&record);
    }
    String::from_utf8(writer.into_inner().unwrap_or_default()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::{read, ReadOptions};

    #[test]
    fn csv_round_trips_through_the_reader() {
        let text = "a,b,c\n1,2.5,\"x, y\"\n2,,z\n";
        let t = read(text.as_bytes().to_vec(), &ReadOptions::default()).unwrap().table;
        assert_eq!(to_csv(&t), "a,b,c\n1,2.5,\"x, y\"\n2,,z\n");
    }

    #[test]
    fn whole_floats_keep_their_point_like_pandas() {
        let t = read(b"a\n1.0\n2.5\n".to_vec(), &ReadOptions::default()).unwrap().table;
        assert_eq!(to_csv(&t), "a\n1.0\n2.5\n");
    }
}
