//! The fixed list of security questions (spec, "Sign-in and recovery"): a person chooses one; a
//! question written before the list existed is asked to be chosen again.
//! Shared by the form in the browser and the checks on the server.

pub const QUESTIONS: [&str; 8] = [
    "What was the name of your first pet?",
    "In which town did you go to primary school?",
    "What was the make of your first car?",
    "What is the name of the street you grew up on?",
    "What was your childhood nickname?",
    "What is your oldest cousin's first name?",
    "What was the first concert you went to?",
    "What was the name of your first teacher?",
];

/// Answers shorter than this (trimmed, lower-cased) are refused.
pub const MIN_ANSWER_LENGTH: usize = 6;

/// Is `question` one of the list, exactly?
pub fn is_offered(question: &str) -> bool {
    QUESTIONS.contains(&question)
}
