//! The OFAC Remarks mini-language (`DOB ...; POB ...; Passport X (Country); ...`) as typed properties.
