-- "We have made contact": a village's welcome committee records the day it reached a
-- household (expected or installed), on the household's case; staff see it on the case.
CREATE TABLE committee_contacts (
    case_id      uuid NOT NULL REFERENCES cases ON DELETE CASCADE,
    village      text NOT NULL REFERENCES villages (insee_code),
    contacted_on date NOT NULL,
    recorded_by  text NOT NULL,          -- the committee member's name, as signed in
    recorded_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (case_id, village)
);

-- A village's page on the public site, as its committee published it, in French and
-- English (NULL: not written in that language). `revision` counts the publications: an
-- edit made from an older revision is refused (409).
CREATE TABLE village_pages (
    insee_code   text PRIMARY KEY REFERENCES villages (insee_code),
    revision     integer NOT NULL DEFAULT 1 CHECK (revision >= 1),
    welcome_fr   text, welcome_en   text,
    services_fr  text, services_en  text,
    housing_fr   text, housing_en   text,
    photos_alt_fr text, photos_alt_en text,
    contact_fr   text, contact_en   text,
    published_at timestamptz NOT NULL DEFAULT now(),
    published_by text NOT NULL
);
