//! The page reads in the project's own font, findings and marks link to each other, the
//! outline jumps to its pages; ends with the screenshot for docs/preview.png.

use std::time::Duration;

use crate::common;
use crate::preview::driver::{Browser, preview};

/// Whether an element's box overlaps the window.
const IN_VIEW: &str = "const r = arguments[0].getBoundingClientRect(); return r.bottom > 0 && r.top < window.innerHeight;";

fn in_view(browser: &Browser, selector: &str) -> bool {
    let script = format!("const e = document.querySelector({selector:?}); if (!e) return null; {}", IN_VIEW.replace("arguments[0]", "e"));
    browser.eval(&script).as_bool().unwrap_or_else(|| panic!("no element {selector}"))
}

#[test]
fn findings_link_to_marks_and_the_text_reads_in_the_shipped_font() {
    let cjk = std::process::Command::new("fc-list")
        .arg(":lang=zh")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_default();
    eprintln!("system CJK fonts (fc-list :lang=zh): {}", if cjk.is_empty() { "none" } else { &cjk });
    let (_dir, root) = common::scratch_project();
    // One error that still drafts (P4), next to the shipped data's warnings.
    let data = root.join("departments/普陀城运/2024.toml");
    let text = std::fs::read_to_string(&data).unwrap();
    std::fs::write(&data, text.replacen("target = \"≥18000(件)\"", "target = \"≥一万八千(件)\"", 1)).unwrap();
    let (_preview, port) = preview(&root);
    let browser = Browser::open(&format!("http://127.0.0.1:{port}/"));
    let loaded = "return document.querySelectorAll('.sheet').length;";
    let (_, first) = browser.poll(loaded, Duration::from_secs(20), |v| v.as_u64().unwrap_or(0) > 10);
    eprintln!("pages shown {} ms after opening", first.as_millis());

    // The served Noto Sans SC, not a system font, draws the page's own Chinese.
    let font = "return [document.fonts.check('16px \"GenBudget Sans\"', '预算'), [...document.fonts].filter(f => f.family.includes('GenBudget Sans')).map(f => f.status).join(), getComputedStyle(document.querySelector('#findings')).fontFamily];";
    let (font, waited) = browser.poll(font, Duration::from_secs(20), |v| v[0].as_bool() == Some(true) && v[1] == "loaded");
    assert!(font[2].as_str().unwrap().starts_with("\"GenBudget Sans\""), "{font}");
    eprintln!("font loaded {} ms after the pages", waited.as_millis());

    // Errors and warnings told apart, with their file:line:column.
    let error = browser.eval(
        "const e = document.querySelector('li.finding.error'); return e ? [e.innerText, getComputedStyle(e).borderLeftColor] : null;",
    );
    let warning =
        browser.eval("const e = document.querySelector('li.finding.warning'); return [e.innerText, getComputedStyle(e).borderLeftColor];");
    assert!(error[0].as_str().unwrap().contains("错误") && error[0].as_str().unwrap().contains("P4"), "{error}");
    assert!(warning[0].as_str().unwrap().contains("警告"), "{warning}");
    assert_ne!(error[1], warning[1], "errors and warnings in different colours");
    let location = regex::Regex::new(r"departments/普陀城运/2024\.toml:\d+:\d+").unwrap();
    assert!(location.is_match(error[0].as_str().unwrap()), "the finding shows file:line:column: {error}");

    // 全部 / 错误 / 警告.
    let visible = "return [...document.querySelectorAll('li.finding')].filter(e => e.offsetParent !== null).map(e => e.classList.contains('error') ? 'e' : 'w').join('');";
    let all = browser.eval(visible).as_str().unwrap().to_string();
    browser.eval("document.querySelector('[data-filter=error]').click(); return null;");
    assert_eq!(browser.eval(visible).as_str().unwrap(), "e".repeat(all.matches('e').count()));
    browser.eval("document.querySelector('[data-filter=warning]').click(); return null;");
    assert_eq!(browser.eval(visible).as_str().unwrap(), "w".repeat(all.matches('w').count()));
    browser.eval("document.querySelector('[data-filter=all]').click(); return null;");
    assert_eq!(browser.eval(visible).as_str().unwrap(), all);

    // A finding scrolls its page into view and highlights the mark; the page number follows.
    let p3 = "const e = [...document.querySelectorAll('li.finding')].find(e => e.innerText.includes('P3')); return e.querySelector('a').dataset.mark;";
    let id = browser.eval(p3).as_str().unwrap().to_string();
    let page = browser.eval(&format!("return document.getElementById('mark-{id}').closest('.sheet').id;")).as_str().unwrap().to_string();
    assert!(!in_view(&browser, &format!("#{page}")), "{page} starts out of view");
    browser.eval(&format!("document.querySelector('#finding-{id} a').click(); return null;"));
    assert!(in_view(&browser, &format!("#{page}")), "clicking the finding brings {page} into view");
    assert!(
        in_view(&browser, &format!("#mark-{id}"))
            && browser.eval(&format!("return document.getElementById('mark-{id}').classList.contains('flash');")) == true
    );
    let number = page.trim_start_matches("page-");
    browser.poll("return document.getElementById('page-no').textContent;", Duration::from_secs(2), |v| {
        v.as_str().is_some_and(|t| t.starts_with(&format!("第 {number} /")))
    });

    // …and its mark links back to the finding, even when the filter hid it.
    browser.eval("document.querySelector('[data-filter=error]').click(); return null;");
    browser.eval(&format!("document.getElementById('mark-{id}').click(); return null;"));
    assert_eq!(browser.eval("return document.body.dataset.filter;"), "all");
    assert!(browser.eval(&format!("return document.getElementById('finding-{id}').classList.contains('flash');")) == true);

    // The outline lists chapters and tables and jumps to their pages.
    let outline =
        browser.eval("return [...document.querySelectorAll('#outline a')].map(a => a.innerText.replace(/\\s+/g, ' ')).join('|');");
    let outline = outline.as_str().unwrap();
    assert!(
        outline.contains("五、部门预算表") && outline.contains("部门财务收支预算总表") && outline.contains("七、项目经费情况说明"),
        "{outline}"
    );
    browser.eval("[...document.querySelectorAll('#outline a')].find(a => a.innerText.includes('五、部门预算表')).click(); return null;");
    let target =
        browser.eval("return [...document.querySelectorAll('#outline a')].find(a => a.innerText.includes('五、部门预算表')).dataset.page;");
    assert!(in_view(&browser, &format!("#page-{}", target.as_str().unwrap())));

    // Back to the P3 finding for the screenshot: findings, outline and a marked page.
    browser.eval(&format!("document.querySelector('#finding-{id} a').click(); return null;"));
    std::thread::sleep(Duration::from_millis(400));
    let shot = browser.screenshot();
    assert!(shot.starts_with(b"\x89PNG"), "a PNG screenshot");
    let path = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("preview.png");
    std::fs::write(&path, shot).unwrap();
    eprintln!("screenshot: {}", path.display());
}
