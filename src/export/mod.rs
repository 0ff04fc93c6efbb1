//! Excel out: the nine tables of a budget document as an XLSX workbook (being written).
