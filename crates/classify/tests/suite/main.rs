//! The classifier's test suite: one test binary, a module per feature (the real-bounce
//! corpus, the severity policy, robustness on any bytes, accounting files, the report).

mod acct;
mod acct_fixture;
mod acct_props;
mod acct_timeline;
mod corpus;
mod corpus_heldout;
mod corpus_vocabulary;
mod isp;
mod labels;
mod messages;
mod messages_props;
mod messages_rest;
mod phrases;
mod policy;
mod report_data;
mod robustness;
mod vocabulary_clients;
mod vocabulary_others;
mod vocabulary_servers;
