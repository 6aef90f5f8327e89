"""Danish postal codes → municipality codes, for placing imported job postings.

Written for Talentbridge from the public postal-code list. Each line is a postal code, its
town (postal district) and the municipality where most of its addresses lie. Postal
districts do not follow municipal borders exactly: a few straddle two municipalities, and
this table names the main one. A code that is not listed belongs to the nearest listed
code below it (the table is read as ranges), so 1000–1499 (København K) and 8000–8270
(Aarhus) need one line per range only. Codes 3800–3999 are the Faroe Islands and Greenland,
and 9991–9999 are not in use: they map to no municipality.
"""

from __future__ import annotations

import bisect
import re

_TABLE = """
1000 København K 0101
1500 København V 0101
1800 Frederiksberg C 0147
2000 Frederiksberg 0147
2100 København Ø 0101
2150 Nordhavn 0101
2200 København N 0101
2300 København S 0101
2400 København NV 0101
2450 København SV 0101
2500 Valby 0101
2600 Glostrup 0161
2605 Brøndby 0153
2610 Rødovre 0175
2620 Albertslund 0165
2625 Vallensbæk 0187
2630 Taastrup 0169
2635 Ishøj 0183
2640 Hedehusene 0169
2650 Hvidovre 0167
2660 Brøndby Strand 0153
2665 Vallensbæk Strand 0187
2670 Greve 0253
2680 Solrød Strand 0269
2690 Karlslunde 0253
2700 Brønshøj 0101
2720 Vanløse 0101
2730 Herlev 0163
2740 Skovlunde 0151
2750 Ballerup 0151
2760 Måløv 0151
2765 Smørum 0240
2770 Kastrup 0185
2791 Dragør 0155
2800 Kongens Lyngby 0173
2820 Gentofte 0157
2830 Virum 0173
2840 Holte 0230
2850 Nærum 0230
2860 Søborg 0159
2870 Dyssegård 0157
2880 Bagsværd 0159
2900 Hellerup 0157
2920 Charlottenlund 0157
2930 Klampenborg 0157
2942 Skodsborg 0230
2950 Vedbæk 0230
2960 Rungsted Kyst 0223
2970 Hørsholm 0223
2980 Kokkedal 0210
2990 Nivå 0210
3000 Helsingør 0217
3050 Humlebæk 0210
3060 Espergærde 0217
3070 Snekkersten 0217
3080 Tikøb 0217
3100 Hornbæk 0217
3120 Dronningmølle 0270
3140 Ålsgårde 0217
3150 Hellebæk 0217
3200 Helsinge 0270
3210 Vejby 0270
3220 Tisvildeleje 0270
3230 Græsted 0270
3250 Gilleleje 0270
3300 Frederiksværk 0260
3310 Ølsted 0260
3320 Skævinge 0219
3330 Gørløse 0219
3360 Liseleje 0260
3370 Melby 0260
3390 Hundested 0260
3400 Hillerød 0219
3450 Allerød 0201
3460 Birkerød 0230
3480 Fredensborg 0210
3490 Kvistgård 0217
3500 Værløse 0190
3520 Farum 0190
3540 Lynge 0201
3550 Slangerup 0250
3600 Frederikssund 0250
3630 Jægerspris 0250
3650 Ølstykke 0240
3660 Stenløse 0240
3670 Veksø Sjælland 0240
3700 Rønne 0400
3720 Aakirkeby 0400
3730 Nexø 0400
3740 Svaneke 0400
3751 Østermarie 0400
3760 Gudhjem 0400
3770 Allinge 0400
3782 Klemensker 0400
3790 Hasle 0400
3800 - -
4000 Roskilde 0265
4030 Tune 0253
4040 Jyllinge 0265
4050 Skibby 0250
4060 Kirke Såby 0350
4070 Kirke Hyllinge 0350
4100 Ringsted 0329
4130 Viby Sjælland 0265
4140 Borup 0259
4160 Herlufmagle 0370
4171 Glumsø 0370
4173 Fjenneslev 0329
4174 Jystrup 0329
4180 Sorø 0340
4190 Munke Bjergby 0340
4200 Slagelse 0330
4220 Korsør 0330
4230 Skælskør 0330
4241 Vemmelev 0330
4242 Boeslunde 0330
4243 Rude 0330
4250 Fuglebjerg 0370
4261 Dalmose 0330
4262 Sandved 0370
4270 Høng 0326
4281 Gørlev 0326
4291 Ruds Vedby 0330
4293 Dianalund 0340
4295 Stenlille 0340
4296 Nyrup 0340
4300 Holbæk 0316
4320 Lejre 0350
4330 Hvalsø 0350
4340 Tølløse 0316
4350 Ugerløse 0316
4360 Kirke Eskilstrup 0316
4370 Store Merløse 0316
4390 Vipperød 0316
4400 Kalundborg 0326
4420 Regstrup 0316
4440 Mørkøv 0316
4450 Jyderup 0316
4460 Snertinge 0326
4470 Svebølle 0326
4480 Store Fuglede 0326
4490 Jerslev Sjælland 0326
4500 Nykøbing Sjælland 0306
4520 Svinninge 0316
4532 Gislinge 0316
4534 Hørve 0306
4540 Fårevejle 0306
4550 Asnæs 0306
4560 Vig 0306
4571 Grevinge 0306
4572 Nørre Asmindrup 0306
4573 Højby 0306
4581 Rørvig 0306
4583 Sjællands Odde 0306
4591 Føllenslev 0326
4592 Sejerø 0326
4593 Eskebjerg 0326
4600 Køge 0259
4621 Gadstrup 0265
4622 Havdrup 0269
4623 Lille Skensved 0259
4632 Bjæverskov 0259
4640 Faxe 0320
4652 Hårlev 0336
4653 Karise 0320
4654 Faxe Ladeplads 0320
4660 Store Heddinge 0336
4671 Strøby 0336
4672 Klippinge 0336
4673 Rødvig Stevns 0336
4681 Herfølge 0259
4682 Tureby 0259
4683 Rønnede 0320
4684 Holmegaard 0370
4690 Haslev 0320
4700 Næstved 0370
4720 Præstø 0390
4733 Tappernøje 0370
4735 Mern 0390
4736 Karrebæksminde 0370
4750 Lundby 0390
4760 Vordingborg 0390
4771 Kalvehave 0390
4772 Langebæk 0390
4773 Stensved 0390
4780 Stege 0390
4791 Borre 0390
4792 Askeby 0390
4793 Bogø By 0390
4800 Nykøbing Falster 0376
4840 Nørre Alslev 0376
4850 Stubbekøbing 0376
4862 Guldborg 0376
4863 Eskilstrup 0376
4871 Horbelev 0376
4872 Idestrup 0376
4873 Væggerløse 0376
4874 Gedser 0376
4880 Nysted 0376
4891 Toreby Lolland 0376
4892 Kettinge 0376
4894 Øster Ulslev 0376
4895 Errindlev 0360
4900 Nakskov 0360
4912 Harpelunde 0360
4913 Horslunde 0360
4920 Søllested 0360
4930 Maribo 0360
4941 Bandholm 0360
4943 Torrig Lolland 0360
4944 Fejø 0360
4951 Nørreballe 0360
4952 Stokkemarke 0360
4953 Vesterborg 0360
4960 Holeby 0360
4970 Rødby 0360
4983 Dannemare 0360
4990 Sakskøbing 0376
5000 Odense C 0461
5200 Odense V 0461
5210 Odense NV 0461
5220 Odense SØ 0461
5230 Odense M 0461
5240 Odense NØ 0461
5250 Odense SV 0461
5260 Odense S 0461
5270 Odense N 0461
5290 Marslev 0461
5300 Kerteminde 0440
5320 Agedrup 0461
5330 Munkebo 0440
5350 Rynkeby 0440
5370 Mesinge 0440
5380 Dalby 0440
5390 Martofte 0440
5400 Bogense 0480
5450 Otterup 0480
5462 Morud 0480
5463 Harndrup 0410
5464 Brenderup Fyn 0410
5466 Asperup 0410
5471 Søndersø 0480
5474 Veflinge 0480
5485 Skamby 0480
5491 Blommenslyst 0461
5492 Vissenbjerg 0420
5500 Middelfart 0410
5540 Ullerslev 0450
5550 Langeskov 0440
5560 Aarup 0420
5580 Nørre Aaby 0410
5591 Gelsted 0410
5592 Ejby 0410
5600 Faaborg 0430
5610 Assens 0420
5620 Glamsbjerg 0420
5631 Ebberup 0420
5642 Millinge 0430
5672 Broby 0430
5683 Haarby 0420
5690 Tommerup 0420
5700 Svendborg 0479
5750 Ringe 0430
5762 Vester Skerninge 0479
5771 Stenstrup 0479
5772 Kværndrup 0430
5792 Årslev 0430
5800 Nyborg 0450
5853 Ørbæk 0450
5854 Gislev 0430
5856 Ryslinge 0430
5863 Ferritslev Fyn 0430
5871 Frørup 0450
5874 Hesselager 0479
5881 Skårup Fyn 0479
5882 Vejstrup 0479
5883 Oure 0479
5884 Gudme 0479
5892 Gudbjerg Sydfyn 0479
5900 Rudkøbing 0482
5932 Humble 0482
5935 Bagenkop 0482
5953 Tranekær 0482
5960 Marstal 0492
5970 Ærøskøbing 0492
5985 Søby Ærø 0492
6000 Kolding 0621
6040 Egtved 0621
6051 Almind 0621
6052 Viuf 0621
6064 Jordrup 0621
6070 Christiansfeld 0621
6091 Bjert 0621
6092 Sønder Stenderup 0621
6093 Sjølund 0621
6094 Hejls 0621
6100 Haderslev 0510
6200 Aabenraa 0580
6230 Rødekro 0580
6240 Løgumkloster 0550
6261 Bredebro 0550
6270 Tønder 0550
6280 Højer 0550
6300 Gråsten 0540
6310 Broager 0540
6320 Egernsund 0540
6330 Padborg 0580
6340 Kruså 0580
6360 Tinglev 0580
6372 Bylderup-Bov 0580
6392 Bolderslev 0580
6400 Sønderborg 0540
6430 Nordborg 0540
6440 Augustenborg 0540
6470 Sydals 0540
6500 Vojens 0510
6510 Gram 0510
6520 Toftlund 0550
6534 Agerskov 0550
6535 Branderup J 0550
6541 Bevtoft 0510
6560 Sommersted 0510
6580 Vamdrup 0621
6600 Vejen 0575
6621 Gesten 0575
6622 Bække 0575
6623 Vorbasse 0530
6630 Rødding 0575
6640 Lunderskov 0621
6650 Brørup 0575
6660 Lintrup 0575
6670 Holsted 0575
6682 Hovborg 0575
6683 Føvling 0575
6690 Gørding 0561
6700 Esbjerg 0561
6720 Fanø 0563
6731 Tjæreborg 0561
6740 Bramming 0561
6752 Glejbjerg 0575
6753 Agerbæk 0575
6760 Ribe 0561
6771 Gredstedbro 0561
6780 Skærbæk 0550
6792 Rømø 0550
6800 Varde 0573
6818 Årre 0573
6823 Ansager 0573
6830 Nørre Nebel 0573
6840 Oksbøl 0573
6851 Janderup Vestj 0573
6852 Billum 0573
6853 Vejers Strand 0573
6854 Henne 0573
6855 Outrup 0573
6857 Blåvand 0573
6862 Tistrup 0573
6870 Ølgod 0573
6880 Tarm 0760
6893 Hemmet 0760
6900 Skjern 0760
6920 Videbæk 0760
6933 Kibæk 0657
6940 Lem St 0760
6950 Ringkøbing 0760
6960 Hvide Sande 0760
6971 Spjald 0760
6973 Ørnhøj 0657
6980 Tim 0760
6990 Ulfborg 0661
7000 Fredericia 0607
7080 Børkop 0630
7100 Vejle 0630
7130 Juelsminde 0766
7140 Stouby 0766
7150 Barrit 0766
7160 Tørring 0766
7171 Uldum 0766
7173 Vonge 0630
7182 Bredsten 0630
7183 Randbøl 0630
7184 Vandel 0530
7190 Billund 0530
7200 Grindsted 0530
7250 Hejnsvig 0530
7260 Sønder Omme 0530
7270 Stakroge 0530
7280 Sønder Felding 0657
7300 Jelling 0630
7321 Gadbjerg 0630
7323 Give 0630
7330 Brande 0756
7361 Ejstrupholm 0756
7362 Hampen 0756
7400 Herning 0657
7430 Ikast 0756
7441 Bording 0756
7442 Engesvang 0756
7451 Sunds 0657
7470 Karup J 0791
7480 Vildbjerg 0657
7490 Aulum 0657
7500 Holstebro 0661
7540 Haderup 0657
7550 Sørvad 0661
7560 Hjerm 0671
7570 Vemb 0661
7600 Struer 0671
7620 Lemvig 0665
7650 Bøvlingbjerg 0665
7660 Bækmarksbro 0665
7673 Harboøre 0665
7680 Thyborøn 0665
7700 Thisted 0787
7730 Hanstholm 0787
7741 Frøstrup 0787
7742 Vesløs 0787
7752 Snedsted 0787
7755 Bedsted Thy 0787
7760 Hurup Thy 0787
7770 Vestervig 0787
7790 Thyholm 0671
7800 Skive 0779
7830 Vinderup 0661
7840 Højslev 0779
7850 Stoholm Jyll 0791
7860 Spøttrup 0779
7870 Roslev 0779
7884 Fur 0779
7900 Nykøbing Mors 0773
7950 Erslev 0773
7960 Karby 0773
7970 Redsted Mors 0773
7980 Vils 0773
7990 Øster Assels 0773
8000 Aarhus C 0751
8200 Aarhus N 0751
8210 Aarhus V 0751
8220 Brabrand 0751
8230 Åbyhøj 0751
8240 Risskov 0751
8250 Egå 0751
8260 Viby J 0751
8270 Højbjerg 0751
8300 Odder 0727
8305 Samsø 0741
8310 Tranbjerg J 0751
8320 Mårslet 0751
8330 Beder 0751
8340 Malling 0751
8350 Hundslund 0727
8355 Solbjerg 0751
8361 Hasselager 0751
8362 Hørning 0746
8370 Hadsten 0710
8380 Trige 0751
8381 Tilst 0751
8382 Hinnerup 0710
8400 Ebeltoft 0706
8410 Rønde 0706
8420 Knebel 0706
8444 Balle 0706
8450 Hammel 0710
8462 Harlev J 0751
8464 Galten 0746
8471 Sabro 0751
8472 Sporup 0751
8500 Grenaa 0707
8520 Lystrup 0751
8530 Hjortshøj 0751
8541 Skødstrup 0751
8543 Hornslet 0706
8544 Mørke 0706
8550 Ryomgård 0706
8560 Kolind 0706
8570 Trustrup 0707
8581 Nimtofte 0707
8585 Glesborg 0707
8586 Ørum Djurs 0707
8592 Anholt 0707
8600 Silkeborg 0740
8620 Kjellerup 0740
8632 Lemming 0740
8641 Sorring 0740
8643 Ans By 0740
8653 Them 0740
8654 Bryrup 0740
8660 Skanderborg 0746
8670 Låsby 0746
8680 Ry 0746
8700 Horsens 0615
8721 Daugård 0766
8722 Hedensted 0766
8723 Løsning 0766
8732 Hovedgård 0615
8740 Brædstrup 0615
8751 Gedved 0615
8752 Østbirk 0615
8762 Flemming 0615
8763 Rask Mølle 0766
8765 Klovborg 0766
8766 Nørre Snede 0766
8781 Stenderup 0766
8783 Hornsyld 0766
8789 Endelave 0615
8799 Tunø 0727
8800 Viborg 0791
8830 Tjele 0791
8831 Løgstrup 0791
8832 Skals 0791
8840 Rødkærsbro 0791
8850 Bjerringbro 0791
8860 Ulstrup 0710
8870 Langå 0730
8881 Thorsø 0710
8882 Fårvang 0740
8883 Gjern 0740
8900 Randers C 0730
8920 Randers NV 0730
8930 Randers NØ 0730
8940 Randers SV 0730
8950 Ørsted 0707
8960 Randers SØ 0730
8961 Allingåbro 0707
8963 Auning 0707
8970 Havndal 0730
8981 Spentrup 0730
8983 Gjerlev J 0730
8990 Fårup 0730
9000 Aalborg 0851
9230 Svenstrup J 0851
9240 Nibe 0851
9260 Gistrup 0851
9270 Klarup 0851
9280 Storvorde 0851
9293 Kongerslev 0851
9300 Sæby 0813
9310 Vodskov 0851
9320 Hjallerup 0810
9330 Dronninglund 0810
9340 Asaa 0810
9352 Dybvad 0813
9362 Gandrup 0851
9370 Hals 0851
9380 Vestbjerg 0851
9381 Sulsted 0851
9382 Tylstrup 0810
9400 Nørresundby 0851
9430 Vadum 0851
9440 Aabybro 0849
9460 Brovst 0849
9480 Løkken 0860
9490 Pandrup 0849
9492 Blokhus 0849
9493 Saltum 0849
9500 Hobro 0846
9510 Arden 0846
9520 Skørping 0840
9530 Støvring 0840
9541 Suldrup 0840
9550 Mariager 0846
9560 Hadsund 0846
9574 Bælum 0840
9575 Terndrup 0840
9600 Aars 0820
9610 Nørager 0840
9620 Aalestrup 0820
9631 Gedsted 0820
9632 Møldrup 0791
9640 Farsø 0820
9670 Løgstør 0820
9681 Ranum 0820
9690 Fjerritslev 0849
9700 Brønderslev 0810
9740 Jerslev J 0810
9750 Østervrå 0813
9760 Vrå 0860
9800 Hjørring 0860
9830 Tårs 0860
9850 Hirtshals 0860
9870 Sindal 0860
9881 Bindslev 0860
9900 Frederikshavn 0813
9940 Læsø 0825
9970 Strandby 0813
9981 Jerup 0813
9982 Ålbæk 0813
9990 Skagen 0813
9991 - -
"""


def _parse() -> tuple[list[int], list[str | None], dict[str, str], dict[str, str | None]]:
    starts: list[int] = []
    municipalities: list[str | None] = []
    full: dict[str, str] = {}
    base: dict[str, str | None] = {}
    for line in _TABLE.strip().splitlines():
        code, rest = line.split(" ", 1)
        town, municipality = rest.rsplit(" ", 1)
        starts.append(int(code))
        municipalities.append(None if municipality == "-" else municipality)
        if municipality == "-":
            continue
        full.setdefault(_clean(town), municipality)
        key = normalise_locality(town)
        # "Viby J" and "Viby Sjælland" share the base name "viby": the bare name is ambiguous.
        if base.get(key, municipality) != municipality:
            base[key] = None
        else:
            base[key] = municipality
    return starts, municipalities, full, base


# Postal districts in big towns carry a suffix: "Aarhus C", "Odense SØ", "Viby J", "Vig Sj.".
_SUFFIX = re.compile(
    r"\s+(c|k|n|s|v|ø|nv|nø|sv|sø|m|j|jyll|sj|sjælland|f|l|st|fyn|thy|mors|vestj|sydfyn)$"
)


_SAME_SUFFIX = {"sj": "sjælland", "jylland": "j", "jyll": "j"}


def _clean(text: str) -> str:
    """Case-folded, single-spaced, with the usual abbreviations written one way ("Viby Sj.")."""
    words = str(text or "").casefold().replace("-", " ").replace(".", " ").split()
    if len(words) > 1 and words[-1] in _SAME_SUFFIX:
        words[-1] = _SAME_SUFFIX[words[-1]]
    return " ".join(words)


def normalise_locality(text: str) -> str:
    """The town name without its district suffix, case-folded: "Aarhus C" → "aarhus"."""
    text = _clean(text)
    previous = None
    while previous != text:
        previous, text = text, _SUFFIX.sub("", text)
    return text


_STARTS, _MUNICIPALITIES, _TOWNS, _BASE_TOWNS = _parse()


def municipality_for_postal_code(postal_code) -> str | None:
    """The municipality code for a 4-digit Danish postal code (None when outside the table)."""
    text = str(postal_code or "").strip().upper().removeprefix("DK-").removeprefix("DK")
    text = text.strip()
    if not (text.isdigit() and len(text) == 4):
        return None
    index = bisect.bisect_right(_STARTS, int(text)) - 1
    return _MUNICIPALITIES[index] if index >= 0 else None


def municipality_for_town(locality) -> str | None:
    """The municipality code for a postal town ("Aarhus C", "Viby J", "Kongens Lyngby")."""
    exact = _TOWNS.get(_clean(locality))
    return exact or _BASE_TOWNS.get(normalise_locality(locality))
