fn main() {
    match stardrill::bank::Bank::bundled() {
        Ok(b) => println!("{} questions, {} sections", b.questions.len(), b.section_count()),
        Err(e) => eprintln!("{e}"),
    }
}
