package transfer

import (
	"fmt"
	"io"
	"math/rand/v2"
)

// WriteSyntheticMemberships writes n membership rows as CSV, the same for the same n and
// seed: schools with made-up names in made-up cities of made-up countries, each a member of
// the network with the given key since a year between 1953 and 2024, all citing one URL.
// The benchmark imports them.
func WriteSyntheticMemberships(w io.Writer, n int, seed uint64, network string) error {
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	if _, err := fmt.Fprint(w, "# source: https://example.org/aspnet/synthetic-member-list\n"+
		"# quote: A synthetic member list for the import benchmark.\n"+
		"name,city,country,network,status,since,founding\n"); err != nil {
		return err
	}
	statuses := []string{"MEMBER", "MEMBER", "MEMBER", "CANDIDATE", "FORMER"}
	for i := 0; i < n; i++ {
		country := rng.IntN(180)
		city := rng.IntN(20)
		year := 1953 + rng.IntN(72)
		since := fmt.Sprintf("%d", year)
		if rng.IntN(2) == 0 {
			since = fmt.Sprintf("%d-%02d", year, 1+rng.IntN(12))
		}
		if _, err := fmt.Fprintf(w, "School No. %d,City %d-%d,Country %d,%s,%s,%s,%t\n",
			i+1, country, city, country, network, statuses[rng.IntN(len(statuses))], since, year == 1953); err != nil {
			return err
		}
	}
	return nil
}
