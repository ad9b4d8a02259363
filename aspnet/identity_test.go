package aspnet_test

import (
	"testing"

	"github.com/aspgraph/aspgraph/aspnet"
)

func TestIdentities(t *testing.T) {
	for _, tc := range []struct{ name, got, want string }{
		{"OKSchool", aspnet.SchoolIdentity("  School No. 8 ", "city-a"), "school no. 8|city-a"},
		{"OKSchoolWithoutCity", aspnet.SchoolIdentity("Placeless", ""), "placeless|"},
		{"OKEvent", aspnet.EventIdentity("Festival", aspnet.MustParseDate("2016-09")), "festival|2016-09"},
		{"OKName", aspnet.NameIdentity(" UNESCO "), "unesco"},
		// As Neo4j (Java) lowercases and trims, not as Go's strings package does.
		{"OKFinalSigma", aspnet.IdentityName("ΛΥΚΕΙΟ ΠΑΤΡΑΣ"), "λυκειο πατρας"},
		{"OKInnerSigma", aspnet.IdentityName("ΑΣΑ"), "ασα"},
		{"OKLoneSigma", aspnet.IdentityName("Σ"), "σ"},
		{"OKDottedI", aspnet.IdentityName("İstanbul"), "i\u0307stanbul"},
		{"OKNoBreakSpaceKept", aspnet.IdentityName("\u00a0A\u00a0"), "\u00a0a\u00a0"},
		{"OKSeparatorsTrimmed", aspnet.IdentityName("\u001cA\u001f"), "a"},
		{"OKIdeographicSpaceTrimmed", aspnet.IdentityName("\u3000A "), "a"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.got != tc.want {
				t.Errorf("got %+q, want %+q", tc.got, tc.want)
			}
		})
	}
}
