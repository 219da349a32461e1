//! Colours and styles. With `NO_COLOR` set, only bold, reverse and underline are used.

use std::sync::OnceLock;

use ratatui::style::{Color, Modifier, Style};

use crate::bank::Star;
use crate::drill::Phase;

pub struct Theme {
    color: bool,
}

static THEME: OnceLock<Theme> = OnceLock::new();

/// The theme for this run, chosen once from the environment.
pub fn theme() -> &'static Theme {
    THEME.get_or_init(|| Theme { color: std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) })
}

impl Theme {
    fn fg(&self, c: Color) -> Style {
        if self.color { Style::new().fg(c) } else { Style::new() }
    }

    pub fn title(&self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }

    pub fn dim(&self) -> Style {
        if self.color { Style::new().fg(Color::DarkGray) } else { Style::new() }
    }

    pub fn bold(&self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    pub fn selected(&self) -> Style {
        if self.color {
            Style::new().bg(Color::Blue).fg(Color::White).add_modifier(Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::REVERSED)
        }
    }

    pub fn key(&self) -> Style {
        self.fg(Color::Yellow).add_modifier(Modifier::BOLD)
    }

    pub fn status(&self) -> Style {
        self.fg(Color::Green)
    }

    pub fn error(&self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::BOLD)
    }

    pub fn border(&self) -> Style {
        self.fg(Color::DarkGray)
    }

    pub fn star(&self, star: Star) -> Style {
        let c = match star {
            Star::Situation => Color::Blue,
            Star::Task => Color::Magenta,
            Star::Action => Color::Green,
            Star::Result => Color::Yellow,
        };
        self.fg(c).add_modifier(Modifier::BOLD)
    }

    pub fn clock(&self, phase: Phase) -> Style {
        match phase {
            Phase::Normal => self.fg(Color::Green),
            Phase::Warning => self.fg(Color::Yellow),
            Phase::Over => self.fg(Color::Red),
        }
        .add_modifier(Modifier::BOLD)
    }

    /// Colour for a score from 1 to 5.
    pub fn score(&self, score: f64) -> Style {
        let c = if score >= 4.0 {
            Color::Green
        } else if score >= 3.0 {
            Color::Yellow
        } else {
            Color::Red
        };
        self.fg(c)
    }

    pub fn warn(&self) -> Style {
        self.fg(Color::Yellow)
    }
}
