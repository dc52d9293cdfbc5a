-- The communes of the Gers, from public records (INSEE). Loaded by `soho seed`.
CREATE TABLE villages (
    insee_code        text PRIMARY KEY CHECK (insee_code ~ '^32[0-9]{3}$'),
    name              text NOT NULL,
    population        integer NOT NULL CHECK (population >= 0),
    postal_code       text NOT NULL,
    town_hall_address text NOT NULL,
    town_hall_phone   text NOT NULL,
    latitude          double precision NOT NULL,
    longitude         double precision NOT NULL
);
