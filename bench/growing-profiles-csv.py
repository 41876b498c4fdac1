# An offers CSV whose profiles keep appearing: 400,000 rows, a new profile every 200 rows (2,000 in
# all), the other rows of a profile already seen, and a note column carried through. For the bulk
# run's memory when profiles are many and spread out (bench/NOTES.md, bulk round 5).
#   python3 bench/growing-profiles-csv.py /tmp/growing-profiles.csv
import random
import sys

random.seed(3)
regions = ['us', 'us-ca-san-francisco', 'us-ny-new-york', 'us-tx-houston', 'us-wa', 'us-ma-boston', 'us-oh-columbus', 'us-fl']
with open(sys.argv[1], 'w') as f:
    f.write('base,bonus,role,level,yearsExperience,region,education,skills,asOf,note\n')
    known = []
    for i in range(400000):
        if i % 200 == 0:
            p = i // 200
            profile = f'pacs-administrator,,{p % 40},{regions[(p // 40) % 8]},{"bachelors" if (p // 320) % 2 else ""},dicom;hl7;troubleshooting,'
            known.append(profile)
        else:
            profile = known[random.randrange(len(known))]
        f.write(f'{40000 + random.randrange(1600) * 100},,{profile},note-{i % 7}-with-some-longer-text\n')
