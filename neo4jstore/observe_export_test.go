package neo4jstore

// Filled returns the statement cypher/NAME.cypher as the store runs it, with each label or
// relationship-type slot filled with "School", for the external tests.
func Filled(name string) string {
	stmt := query(name)
	slots := map[string]string{}
	for _, s := range slot.FindAllString(stmt, -1) {
		slots[s[2:len(s)-2]] = "School"
	}
	return template(stmt, slots)
}
