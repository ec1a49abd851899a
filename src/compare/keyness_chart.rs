//! `keyness.png`: placeholder, filled in below.
