//! The preview's page shell: header, the three columns and the script that fills them.

use crate::html::escape as html;

const STYLE: &str = include_str!("assets/preview.css");
const SCRIPT: &str = include_str!("assets/preview.js");

/// `/`: the columns stay empty until the script swaps in `/content`.
pub(crate) fn page_html(unit: &str, year: &str) -> String {
    let title = format!("预览：{} {}（草稿）", html(unit), html(year));
    format!(
        r#"<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<link rel="preload" href="/fonts/sans.otf" as="font" type="font/otf" crossorigin>
<style>{STYLE}</style></head>
<body data-filter="all">
<header><h1>{title}</h1><button id="compare-button" onclick="toggleCompare()">与上一版比较</button><span id="page-no"></span></header>
<div id="layout"><nav id="side" aria-label="目录"></nav><main id="main"></main>
<aside id="panel"><div id="compare" hidden></div><div id="findings-box"></div></aside></div>
<script>{SCRIPT}</script></body></html>
"#
    )
}
