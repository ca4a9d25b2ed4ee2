pub mod document;
pub mod passport;
