// Fixture of react-component-size: a long component and a short one.

// expect: react-component-size
export function InvoiceScreen({ invoices }: { invoices: string[] }) {
  const count = invoices.length;
  return (
    <section>
      <p className="row-0">{count} invoices, row 0</p>
      <p className="row-1">{count} invoices, row 1</p>
      <p className="row-2">{count} invoices, row 2</p>
      <p className="row-3">{count} invoices, row 3</p>
      <p className="row-4">{count} invoices, row 4</p>
      <p className="row-5">{count} invoices, row 5</p>
      <p className="row-6">{count} invoices, row 6</p>
      <p className="row-7">{count} invoices, row 7</p>
      <p className="row-8">{count} invoices, row 8</p>
      <p className="row-9">{count} invoices, row 9</p>
      <p className="row-10">{count} invoices, row 10</p>
      <p className="row-11">{count} invoices, row 11</p>
      <p className="row-12">{count} invoices, row 12</p>
      <p className="row-13">{count} invoices, row 13</p>
      <p className="row-14">{count} invoices, row 14</p>
      <p className="row-15">{count} invoices, row 15</p>
      <p className="row-16">{count} invoices, row 16</p>
      <p className="row-17">{count} invoices, row 17</p>
      <p className="row-18">{count} invoices, row 18</p>
      <p className="row-19">{count} invoices, row 19</p>
      <p className="row-20">{count} invoices, row 20</p>
      <p className="row-21">{count} invoices, row 21</p>
      <p className="row-22">{count} invoices, row 22</p>
      <p className="row-23">{count} invoices, row 23</p>
      <p className="row-24">{count} invoices, row 24</p>
      <p className="row-25">{count} invoices, row 25</p>
      <p className="row-26">{count} invoices, row 26</p>
      <p className="row-27">{count} invoices, row 27</p>
      <p className="row-28">{count} invoices, row 28</p>
      <p className="row-29">{count} invoices, row 29</p>
      <p className="row-30">{count} invoices, row 30</p>
      <p className="row-31">{count} invoices, row 31</p>
      <p className="row-32">{count} invoices, row 32</p>
      <p className="row-33">{count} invoices, row 33</p>
      <p className="row-34">{count} invoices, row 34</p>
      <p className="row-35">{count} invoices, row 35</p>
      <p className="row-36">{count} invoices, row 36</p>
      <p className="row-37">{count} invoices, row 37</p>
      <p className="row-38">{count} invoices, row 38</p>
      <p className="row-39">{count} invoices, row 39</p>
      <p className="row-40">{count} invoices, row 40</p>
      <p className="row-41">{count} invoices, row 41</p>
      <p className="row-42">{count} invoices, row 42</p>
      <p className="row-43">{count} invoices, row 43</p>
      <p className="row-44">{count} invoices, row 44</p>
      <p className="row-45">{count} invoices, row 45</p>
      <p className="row-46">{count} invoices, row 46</p>
      <p className="row-47">{count} invoices, row 47</p>
      <p className="row-48">{count} invoices, row 48</p>
      <p className="row-49">{count} invoices, row 49</p>
      <p className="row-50">{count} invoices, row 50</p>
      <p className="row-51">{count} invoices, row 51</p>
      <p className="row-52">{count} invoices, row 52</p>
      <p className="row-53">{count} invoices, row 53</p>
      <p className="row-54">{count} invoices, row 54</p>
      <p className="row-55">{count} invoices, row 55</p>
      <p className="row-56">{count} invoices, row 56</p>
      <p className="row-57">{count} invoices, row 57</p>
      <p className="row-58">{count} invoices, row 58</p>
      <p className="row-59">{count} invoices, row 59</p>
      <p className="row-60">{count} invoices, row 60</p>
      <p className="row-61">{count} invoices, row 61</p>
      <p className="row-62">{count} invoices, row 62</p>
      <p className="row-63">{count} invoices, row 63</p>
      <p className="row-64">{count} invoices, row 64</p>
      <p className="row-65">{count} invoices, row 65</p>
      <p className="row-66">{count} invoices, row 66</p>
      <p className="row-67">{count} invoices, row 67</p>
      <p className="row-68">{count} invoices, row 68</p>
      <p className="row-69">{count} invoices, row 69</p>
      <p className="row-70">{count} invoices, row 70</p>
      <p className="row-71">{count} invoices, row 71</p>
      <p className="row-72">{count} invoices, row 72</p>
      <p className="row-73">{count} invoices, row 73</p>
      <p className="row-74">{count} invoices, row 74</p>
      <p className="row-75">{count} invoices, row 75</p>
      <p className="row-76">{count} invoices, row 76</p>
      <p className="row-77">{count} invoices, row 77</p>
      <p className="row-78">{count} invoices, row 78</p>
      <p className="row-79">{count} invoices, row 79</p>
      <p className="row-80">{count} invoices, row 80</p>
      <p className="row-81">{count} invoices, row 81</p>
      <p className="row-82">{count} invoices, row 82</p>
      <p className="row-83">{count} invoices, row 83</p>
      <p className="row-84">{count} invoices, row 84</p>
      <p className="row-85">{count} invoices, row 85</p>
      <p className="row-86">{count} invoices, row 86</p>
      <p className="row-87">{count} invoices, row 87</p>
      <p className="row-88">{count} invoices, row 88</p>
      <p className="row-89">{count} invoices, row 89</p>
      <p className="row-90">{count} invoices, row 90</p>
      <p className="row-91">{count} invoices, row 91</p>
      <p className="row-92">{count} invoices, row 92</p>
      <p className="row-93">{count} invoices, row 93</p>
      <p className="row-94">{count} invoices, row 94</p>
      <p className="row-95">{count} invoices, row 95</p>
      <p className="row-96">{count} invoices, row 96</p>
      <p className="row-97">{count} invoices, row 97</p>
      <p className="row-98">{count} invoices, row 98</p>
      <p className="row-99">{count} invoices, row 99</p>
      <p className="row-100">{count} invoices, row 100</p>
      <p className="row-101">{count} invoices, row 101</p>
      <p className="row-102">{count} invoices, row 102</p>
      <p className="row-103">{count} invoices, row 103</p>
      <p className="row-104">{count} invoices, row 104</p>
      <p className="row-105">{count} invoices, row 105</p>
      <p className="row-106">{count} invoices, row 106</p>
      <p className="row-107">{count} invoices, row 107</p>
      <p className="row-108">{count} invoices, row 108</p>
      <p className="row-109">{count} invoices, row 109</p>
      <p className="row-110">{count} invoices, row 110</p>
      <p className="row-111">{count} invoices, row 111</p>
      <p className="row-112">{count} invoices, row 112</p>
      <p className="row-113">{count} invoices, row 113</p>
      <p className="row-114">{count} invoices, row 114</p>
      <p className="row-115">{count} invoices, row 115</p>
      <p className="row-116">{count} invoices, row 116</p>
      <p className="row-117">{count} invoices, row 117</p>
      <p className="row-118">{count} invoices, row 118</p>
      <p className="row-119">{count} invoices, row 119</p>
    </section>
  );
}

// ok: react-component-size
export const Badge = () => {
  return <span>badge</span>;
};
